package dev.chillproxy.chillstreams.pool;

/**
 * Wire answer of {@code get-key}: {@code {allowed:true,poolKey,poolKeyId,service,deviceCount}} or
 * {@code {allowed:false,message,deviceCount?}}; a missing {@code service} means {@link Grant#DEFAULT_SERVICE}.
 * Never logged as a whole: {@link #toString()} masks the key.
 */
public record GetKeyResponse(boolean allowed, String poolKey, String poolKeyId, Integer deviceCount, String message,
                             String service) {

    @Override
    public String toString() {
        return "GetKeyResponse[allowed=" + allowed + ", poolKeyId=" + poolKeyId + ", service=" + service
                + ", deviceCount=" + deviceCount + ", message=" + message + "]";
    }
}
