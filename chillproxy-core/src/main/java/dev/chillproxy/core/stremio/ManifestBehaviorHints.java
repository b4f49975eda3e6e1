package dev.chillproxy.core.stremio;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param configurable          Stremio shows a "Configure" button
 * @param configurationRequired Stremio hides "Install" until the addon is configured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestBehaviorHints(boolean configurable, boolean configurationRequired) {
}
