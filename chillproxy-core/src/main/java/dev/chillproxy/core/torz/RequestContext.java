package dev.chillproxy.core.torz;

import java.util.Objects;

/** Who is asking: the resolved client address and its device id (never stored raw). */
public record RequestContext(String clientIp, String deviceId) {

    public RequestContext {
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
