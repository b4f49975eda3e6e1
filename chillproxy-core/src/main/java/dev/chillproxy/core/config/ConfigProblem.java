package dev.chillproxy.core.config;

import java.util.Objects;

/**
 * One thing wrong with a config, named by its JSON path ({@code stores[0].auth}) so the configure page and the
 * info stream can point at the field.
 *
 * @param field   JSON path of the offending value, or {@code cfg} for the whole config
 * @param message what is wrong, never containing a token or API key
 */
public record ConfigProblem(String field, String message) {

    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
