package dev.chillproxy.server.web;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON error envelope of every non-Stremio failure: {@code {"error":{"code","message","requestId"?}}}. */
public record ErrorBody(Detail error) {

    public ErrorBody {
        Objects.requireNonNull(error, "error");
    }

    public static ErrorBody of(String code, String message, String requestId) {
        return new ErrorBody(new Detail(code, message, requestId));
    }

    /** One error; {@code requestId} is left out when null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String requestId) {

        public Detail {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
