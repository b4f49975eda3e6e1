package dev.chillproxy.server.torz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import dev.chillproxy.core.torz.ErrorVideo;
import io.javalin.http.Context;

/**
 * The short error videos playback redirects to, at StremThru's path {@code /v0/store/_/static/<name>.mp4}. Read
 * from the jar once; served with range support because players seek. Thread-safe.
 */
public final class VideoRoutes {

    static final String PATH = "/v0/store/_/static/";

    private final String baseUrl;
    private final Map<ErrorVideo, byte[]> files = new EnumMap<>(ErrorVideo.class);

    public VideoRoutes(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        for (ErrorVideo video : ErrorVideo.values()) {
            try (InputStream in = VideoRoutes.class.getResourceAsStream("/videos/" + video.fileName())) {
                if (in == null) {
                    throw new IllegalStateException("missing error video " + video.fileName());
                }
                files.put(video, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }


    public String url(ErrorVideo video) {
        return baseUrl + PATH + video.fileName();
    }

    public void serve(Context ctx) {
        String file = ctx.pathParam("file");
        for (Map.Entry<ErrorVideo, byte[]> entry : files.entrySet()) {
            if (entry.getKey().fileName().equals(file)) {
                ctx.header("Cache-Control", "public, max-age=86400");
                ctx.writeSeekableStream(new ByteArrayInputStream(entry.getValue()), "video/mp4", entry.getValue().length);
                return;
            }
        }
        ctx.status(404).json(Map.of("error", Map.of("code", "not_found", "message", "no such video")));
    }
}
