package dev.chillproxy.core.stremio;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of a stream request: {@code {"streams":[...]}}, ordered best first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamResponse(List<Stream> streams) {

    public StreamResponse {
        streams = List.copyOf(Objects.requireNonNullElse(streams, List.of()));
    }
}
