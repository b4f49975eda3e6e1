package dev.chillproxy.core.stremio;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Stream hints Stremio and subtitle addons read. Null fields are left out.
 *
 * @param bingeGroup  same value on the next episode's stream = auto-selected (torz uses {@code torz:<hash>})
 * @param filename    the video file name, which subtitle addons match on
 * @param videoSize   video file size in bytes
 * @param notWebReady true when the web player must go through the streaming server
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamBehaviorHints(String bingeGroup, String filename, Long videoSize, Boolean notWebReady) {
}
