package dev.chillproxy.chillstreams.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Wire answer of {@code get-key}, written by the internal routes and read by the remote client:
 * {@code {allowed:true,poolKey,poolKeyId,service,deviceCount}} or {@code {allowed:false,message,deviceCount?}};
 * a missing {@code service} means {@link Grant#DEFAULT_SERVICE}. Absent fields are left out, not written as null.
 * Never logged as a whole: {@link #toString()} masks the key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"allowed", "poolKey", "poolKeyId", "service", "deviceCount", "message"})
public record GetKeyResponse(boolean allowed, String poolKey, String poolKeyId, Integer deviceCount, String message,
                             String service) {

    /** The answer for a grant; the one place a pool key is put on the wire, for a trusted caller. */
    public static GetKeyResponse of(Grant grant) {
        if (grant instanceof Grant.Allowed allowed) {
            return new GetKeyResponse(true, allowed.poolKey().reveal(), allowed.poolKeyId(), allowed.deviceCount(), null,
                    allowed.service());
        }
        Grant.Denied denied = (Grant.Denied) grant;
        return new GetKeyResponse(false, null, null, denied.deviceCount(), denied.message(), null);
    }

    @Override
    public String toString() {
        return "GetKeyResponse[allowed=" + allowed + ", poolKeyId=" + poolKeyId + ", service=" + service
                + ", deviceCount=" + deviceCount + ", message=" + message + "]";
    }
}
