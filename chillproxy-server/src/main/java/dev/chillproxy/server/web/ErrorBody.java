package dev.chillproxy.server.web;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chillproxy.core.config.ConfigProblem;

/**
 * The JSON error envelope of every non-Stremio failure:
 * {@code {"error":{"code","message","requestId"?,"problems"?:[{"field","message"}]}}}.
 */
record ErrorBody(Detail error) {

    public ErrorBody {
        Objects.requireNonNull(error, "error");
    }

    public static ErrorBody of(String code, String message, String requestId) {
        return new ErrorBody(new Detail(code, message, requestId, null));
    }

    /** One error; null {@code requestId} and {@code problems} are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String requestId, List<ConfigProblem> problems) {

        public Detail {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            problems = problems == null ? null : List.copyOf(problems);
        }
    }
}
