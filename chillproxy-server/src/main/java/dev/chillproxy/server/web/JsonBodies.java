package dev.chillproxy.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Reading the JSON bodies of API requests; every mistake is an {@link InvalidRequestException} naming its field. */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonNode object(ObjectMapper mapper, Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body: malformed JSON");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body: must be a JSON object");
        }
        return body;
    }

    public static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException(field + ": required");
        }
        return value.asText();
    }

    /** The field's text, or {@code fallback} when it is absent or null. */
    public static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field + ": must be a string");
        }
        return value.asText();
    }
}
