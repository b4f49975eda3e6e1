package dev.chillproxy.core.config;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chillproxy.core.secret.ApiKey;

/**
 * Turns the {@code {cfg}} URL segment into a validated {@link TorzConfig} and back.
 *
 * <p>Decoding accepts what real clients send: standard or URL-safe base64, padded or not, with or without
 * percent-escapes ({@code %2F %2B %3D}), surrounding whitespace, and spaces where a form decoder turned
 * {@code +} into a space. Any malformed input ends in a {@link ConfigException}, never another exception.
 * Encoding writes URL-safe unpadded base64 of compact JSON with StremThru's key names, so a generated link
 * needs no escaping.
 *
 * <p>Thread-safe: stateless; the shared mapper is configured once and never changed.
 */
public final class ConfigCodec {

    /** Longest accepted {@code {cfg}} segment, in characters (the Stremio manifest limit is 8 KB too). */
    public static final int MAX_CFG_LENGTH = 8192;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(32)
                    .maxStringLength(MAX_CFG_LENGTH)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigCodec() {
    }

    public static TorzConfig decode(String cfg) throws ConfigException {
        if (cfg == null || cfg.isBlank()) {
            throw ConfigException.of("cfg", "missing");
        }
        if (cfg.length() > MAX_CFG_LENGTH) {
            throw ConfigException.of("cfg", "longer than " + MAX_CFG_LENGTH + " characters");
        }
        byte[] bytes = base64(percentDecode(cfg).strip());
        return ConfigReader.read(parse(utf8(bytes)));
    }

    public static String encode(TorzConfig config) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode stores = root.putArray("stores");
        if (config.p2p()) {
            stores.addObject().put("c", ConfigReader.P2P);
        }
        for (StoreConfig store : config.stores()) {
            ObjectNode node = stores.addObject().put("c", store.store().code());
            putIfSet(node, "t", store.token().map(ApiKey::reveal).orElse(""));
            putIfSet(node, "auth", store.poolUser().orElse(""));
        }
        if (!config.indexers().isEmpty()) {
            ArrayNode indexers = root.putArray("indexers");
            for (IndexerConfig indexer : config.indexers()) {
                ObjectNode node = indexers.addObject().put("n", indexer.name()).put("u", indexer.url());
                putIfSet(node, "ak", indexer.apiKey());
            }
        }
        if (config.cached()) {
            root.put("cached", true);
        }
        if (config.uncachedPrivate()) {
            root.put("unc_prvt", true);
        }
        putIfSet(root, "sort", config.sort());
        putIfSet(root, "filter", config.filter());
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (!value.isEmpty()) {
            node.put(key, value);
        }
    }

    private static String percentDecode(String cfg) throws ConfigException {
        if (cfg.indexOf('%') < 0) {
            return cfg;
        }
        try {
            // protect '+': it is a base64 character here, not an encoded space
            return URLDecoder.decode(cfg.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ConfigException.of("cfg", "bad percent-escape");
        }
    }

    private static byte[] base64(String text) throws ConfigException {
        String standard = text.replace(' ', '+').replace('-', '+').replace('_', '/');
        int end = standard.length();
        while (end > 0 && standard.charAt(end - 1) == '=') {
            end--;
        }
        try {
            return Base64.getDecoder().decode(standard.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw ConfigException.of("cfg", "not base64");
        }
    }

    private static String utf8(byte[] bytes) throws ConfigException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw ConfigException.of("cfg", "not UTF-8 text");
        }
    }

    private static JsonNode parse(String json) throws ConfigException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw ConfigException.of("cfg", "not a JSON object");
            }
            return root;
        } catch (IOException e) {
            // Jackson's message may quote the input, which can hold a token: keep it out
            throw ConfigException.of("cfg", "not valid JSON");
        }
    }
}
