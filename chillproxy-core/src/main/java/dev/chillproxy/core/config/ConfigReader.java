package dev.chillproxy.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.core.rank.FilterException;
import dev.chillproxy.core.rank.StreamFilter;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;

/**
 * Reads a parsed config tree into a {@link TorzConfig}, collecting every problem with its field path.
 * JSON {@code null} counts as absent (as in StremThru); unknown keys are ignored. Not thread-safe: one
 * instance per decode.
 */
final class ConfigReader {

    static final int MAX_STORES = 5;
    static final int MAX_INDEXERS = 10;
    static final int MAX_SECRET_LENGTH = 256;
    static final int MAX_URL_LENGTH = 1024;
    static final int MAX_SORT_LENGTH = 200;
    static final int MAX_FILTER_LENGTH = StreamFilter.MAX_LENGTH;

    /** The {@code c} of a native-torrent config: not a debrid service, so not a {@link StoreName}. */
    static final String P2P = "p2p";
    private static final Set<String> INDEXER_NAMES = Set.of("generic", "jackett", "prowlarr");
    private static final Set<String> SORT_FIELDS = Set.of("resolution", "quality", "size", "hdr");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    // secrets travel in HTTP headers and query strings: visible ASCII only, so no header injection
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]*");
    // only short identifier-like values are echoed in messages, so a misplaced key is never repeated
    private static final Pattern ECHOABLE = Pattern.compile("[a-z0-9_-]{1,12}");

    private final List<ConfigProblem> problems = new ArrayList<>();
    private boolean p2p;

    private ConfigReader() {
    }

    static TorzConfig read(JsonNode root) throws ConfigException {
        ConfigReader reader = new ConfigReader();
        List<StoreConfig> stores = reader.stores(root.get("stores"));
        List<IndexerConfig> indexers = reader.indexers(root.get("indexers"));
        boolean cached = reader.bool(root, "cached");
        boolean uncachedPrivate = reader.bool(root, "unc_prvt");
        String sort = reader.sort(reader.text(root, "sort", "sort", MAX_SORT_LENGTH));
        String filter = reader.filter(reader.text(root, "filter", "filter", MAX_FILTER_LENGTH));
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(reader.problems);
        }
        return new TorzConfig(reader.p2p, stores, indexers, cached, uncachedPrivate, sort, filter);
    }

    private List<StoreConfig> stores(JsonNode node) {
        List<JsonNode> items = list(node, "stores", MAX_STORES);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            problem("stores", "at least one store");
        }
        List<StoreConfig> stores = new ArrayList<>();
        int entries = 0;
        int p2pEntries = 0;
        for (int i = 0; i < items.size(); i++) {
            String path = "stores[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                problem(path, "not an object");
                continue;
            }
            String code = text(item, "c", path + ".c", 16);
            String token = secret(item, "t", path + ".t");
            String auth = text(item, "auth", path + ".auth", 64).toLowerCase(Locale.ROOT);
            boolean isP2p = P2P.equals(code);
            Optional<StoreName> store = isP2p ? Optional.empty() : StoreName.find(code).filter(s -> s.code().equals(code));
            if (code.isEmpty()) {
                problem(path + ".c", "missing");
            } else if (!isP2p && store.isEmpty()) {
                problem(path + ".c", "unknown store code" + echo(code));
            }
            if (!auth.isEmpty() && !UUID.matcher(auth).matches()) {
                problem(path + ".auth", "not a UUID");
            } else if (!auth.isEmpty() && (isP2p || store.isPresent() && !store.get().pooled())) {
                // native torrent streams are no debrid service: the pool has no key for them
                problem(path + ".auth", "the key pool does not serve store" + echo(code)
                        + "; use " + StoreName.pooledStores().stream().map(StoreName::code).sorted()
                        .collect(Collectors.joining(", "))
                        + " or your own token (t)");
            }
            if (token.isEmpty() && auth.isEmpty() && !isP2p) {
                problem(path, "needs auth or t");
            }
            entries++;
            if (isP2p) {
                p2pEntries++;
            }
            store.ifPresent(name -> stores.add(new StoreConfig(name,
                    token.isEmpty() ? Optional.empty() : Optional.of(ApiKey.of(token)), Optional.of(auth))));
        }
        if (p2pEntries > 0 && entries > 1) {
            problem("stores", "p2p must be the only store");
        }
        p2p = p2pEntries > 0;
        return stores;
    }

    private List<IndexerConfig> indexers(JsonNode node) {
        List<JsonNode> items = list(node, "indexers", MAX_INDEXERS);
        if (items == null) {
            return List.of();
        }
        List<IndexerConfig> indexers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "indexers[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                problem(path, "not an object");
                continue;
            }
            String name = text(item, "n", path + ".n", 16);
            String url = text(item, "u", path + ".u", MAX_URL_LENGTH);
            String apiKey = secret(item, "ak", path + ".ak");
            if (name.isEmpty()) {
                problem(path + ".n", "missing");
            } else if (!INDEXER_NAMES.contains(name)) {
                problem(path + ".n", "unknown indexer" + echo(name) + " (generic, jackett or prowlarr)");
            }
            if (!isHttpUrl(url)) {
                problem(path + ".u", "not an http(s) URL");
            }
            indexers.add(new IndexerConfig(name, url, apiKey));
        }
        return indexers;
    }

    /** Compiles the filter, so a mistake is named when the addon is configured rather than on every list. */
    private String filter(String filter) {
        try {
            StreamFilter.compile(filter);
        } catch (FilterException e) {
            problem("filter", e.getMessage());
        }
        return filter;
    }

    /** Checks the sort list and returns it without whitespace. */
    private String sort(String sort) {
        if (sort.isBlank()) {
            return "";
        }
        List<String> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : sort.split(",", -1)) {
            String field = part.strip();
            String name = field.startsWith("-") ? field.substring(1) : field;
            if (name.isEmpty()) {
                problem("sort", "empty field");
            } else if (!SORT_FIELDS.contains(name)) {
                problem("sort", "unknown field" + echo(name) + " (resolution, quality, size or hdr)");
            } else if (!seen.add(name)) {
                problem("sort", "field \"" + name + "\" listed twice");
            }
            fields.add(field);
        }
        return String.join(",", fields);
    }

    /** The array's elements, or null (with a problem) when it is not an array or too long; absent = empty. */
    private List<JsonNode> list(JsonNode node, String path, int max) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "not a list");
            return null;
        }
        if (node.size() > max) {
            problem(path, "at most " + max + " allowed");
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    private String secret(JsonNode object, String key, String path) {
        String value = text(object, key, path, MAX_SECRET_LENGTH);
        if (!VISIBLE_ASCII.matcher(value).matches()) {
            problem(path, "contains spaces or characters outside visible ASCII");
            return "";
        }
        return value;
    }

    private String text(JsonNode object, String key, String path, int maxLength) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            problem(path, "not a string");
            return "";
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            problem(path, "longer than " + maxLength + " characters");
            return "";
        }
        return value;
    }

    private boolean bool(JsonNode object, String key) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problem(key, "not true or false");
            return false;
        }
        return node.booleanValue();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String echo(String value) {
        return ECHOABLE.matcher(value).matches() ? " \"" + value + "\"" : "";
    }

    private void problem(String field, String message) {
        problems.add(new ConfigProblem(field, message));
    }
}
