package dev.chillproxy.chillstreams.pool;

/**
 * Wire answer of {@code get-key}: {@code {allowed:true,poolKey,poolKeyId,deviceCount}} or
 * {@code {allowed:false,message,deviceCount?}}. Never logged as a whole: {@link #toString()} masks the key.
 */
public record GetKeyResponse(boolean allowed, String poolKey, String poolKeyId, Integer deviceCount, String message) {

    @Override
    public String toString() {
        return "GetKeyResponse[allowed=" + allowed + ", poolKeyId=" + poolKeyId + ", deviceCount=" + deviceCount
                + ", message=" + message + "]";
    }
}
