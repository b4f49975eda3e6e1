package dev.chillproxy.core.stremio;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One resource of a manifest in object form, scoping the types and id prefixes it answers for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestResource(String name, List<String> types, List<String> idPrefixes) {

    public ManifestResource {
        Objects.requireNonNull(name, "name");
        types = List.copyOf(Objects.requireNonNullElse(types, List.of()));
        idPrefixes = idPrefixes == null ? null : List.copyOf(idPrefixes);
    }
}
