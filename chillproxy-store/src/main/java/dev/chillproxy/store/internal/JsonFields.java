package dev.chillproxy.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Lenient readers for upstream JSON: numbers may be strings, fields may be missing or null. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A long from a number or a numeric string; {@code fallback} when absent or not a number. */
    public static long number(JsonNode node, String field, long fallback) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return (long) Double.parseDouble(value.asText().trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static double decimal(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? 0 : value.asDouble(0);
    }

    /** True for {@code true}, a non-zero number or a non-empty string other than "false" (TorBox sends dates). */
    public static boolean truthy(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        String text = value.asText().trim();
        return !text.isEmpty() && !text.equalsIgnoreCase("false") && !text.equals("0");
    }

    /** ISO-8601 with offset or Z, with or without fractions; null when absent or unparseable. */
    public static Instant instant(JsonNode node, String field) {
        String text = text(node, field).trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    /** Unix seconds; null when absent or 0. */
    public static Instant epochSeconds(JsonNode node, String field) {
        long seconds = number(node, field, 0);
        return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }
}
