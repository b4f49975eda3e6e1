package dev.chillproxy.core.stremio;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a Stremio stream list. Stremio ignores an entry without a source, so one of {@code url},
 * {@code infoHash} or {@code externalUrl} is required. Null fields are left out of the JSON.
 *
 * @param name        short, multi-line label (addon, store, resolution)
 * @param description the long text
 * @param fileIdx     file index for {@code infoHash} streams
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Stream(
        String name,
        String description,
        String url,
        String infoHash,
        Integer fileIdx,
        String externalUrl,
        StreamBehaviorHints behaviorHints) {

    /** Where an info stream goes when the caller has no page or video to point at: Stremio's own home. */
    public static final String STREMIO_HOME = "stremio:///";

    public Stream {
        if (isBlank(url) && isBlank(infoHash) && isBlank(externalUrl)) {
            throw new IllegalArgumentException("a stream needs url, infoHash or externalUrl");
        }
        if (fileIdx != null && fileIdx < 0) {
            throw new IllegalArgumentException("fileIdx: negative");
        }
    }

    /**
     * An informational entry (errors, "configure first", …): named {@code Chillproxy} with the title on its
     * second line. With no {@code url} it links to Stremio's home so that Stremio still lists it.
     *
     * @param url a short video explaining the problem, or null; a page goes through {@link #infoPage}
     */
    public static Stream info(String title, String message, String url) {
        String name = "Chillproxy\n" + Objects.requireNonNullElse(title, "");
        if (isBlank(url)) {
            return new Stream(name, message, null, null, null, STREMIO_HOME, null);
        }
        return new Stream(name, message, url, null, null, null, null);
    }

    /**
     * An informational entry that links to a web page (the configure page): the page goes in {@code externalUrl},
     * which Stremio opens in the browser; in {@code url} Stremio would try to play the HTML as a video.
     */
    public static Stream infoPage(String title, String message, String pageUrl) {
        String name = "Chillproxy\n" + Objects.requireNonNullElse(title, "");
        return new Stream(name, message, null, null, null, isBlank(pageUrl) ? STREMIO_HOME : pageUrl, null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
