package dev.chillproxy.core.stremio;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Stremio addon manifest ({@code manifest.json}). Null fields are left out of the JSON.
 *
 * @param catalogs catalog descriptors; torz has none, so this is normally empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String id,
        String version,
        String name,
        String description,
        String logo,
        List<ManifestResource> resources,
        List<String> types,
        List<Object> catalogs,
        List<String> idPrefixes,
        ManifestBehaviorHints behaviorHints) {

    public Manifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        description = Objects.requireNonNullElse(description, "");
        resources = List.copyOf(Objects.requireNonNullElse(resources, List.of()));
        types = List.copyOf(Objects.requireNonNullElse(types, List.of()));
        catalogs = List.copyOf(Objects.requireNonNullElse(catalogs, List.of()));
        idPrefixes = idPrefixes == null ? null : List.copyOf(idPrefixes);
    }
}
