package dev.chillproxy.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chillproxy.core.secret.ApiKey;
import java.util.Optional;
import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Generated inputs: random strings and mutations of valid encodings (character edits, byte flips in the JSON,
 * truncations, JSON type swaps). Every input must end in a config or a {@link ConfigException}, and every
 * accepted config must survive an encode/decode round trip.
 */
class ConfigCodecFuzzTest {

    private static final int CASES = 12_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_% \n\u00e9\u0000";
    private static final String[] CODES = {"tb", "rd", "ad", "pm", "dl", "p2p"};

    private final Random random = new Random(20240611L);

    @Test
    void everyInputEndsInAConfigOrAConfigException() throws Exception {
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            String input = nextInput(i);
            TorzConfig config;
            try {
                config = ConfigCodec.decode(input);
            } catch (ConfigException e) {
                assertTrue(i % 6 != 0, "a freshly encoded valid config was rejected: " + e.getMessage());
                assertTrue(!e.problems().isEmpty() && !e.getMessage().isBlank());
                rejected++;
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + i + " threw " + e + " for input " + input, e);
                return;
            }
            assertEquals(config, ConfigCodec.decode(ConfigCodec.encode(config)), "round trip of case " + i);
            accepted++;
        }
        assertEquals(CASES, accepted + rejected);
        // the generator must exercise both outcomes substantially, or the test proves little
        assertTrue(accepted > CASES / 10, "accepted " + accepted);
        assertTrue(rejected > CASES / 3, "rejected " + rejected);
    }

    private String nextInput(int i) throws Exception {
        switch (i % 6) {
            case 0:
                return ConfigCodec.encode(validConfig());
            case 1:
                return editCharacters(ConfigCodec.encode(validConfig()));
            case 2:
                return flipJsonBytes(validJson());
            case 3:
                return std(swapTypes(JSON.readTree(validJson())).toString());
            case 4:
                return randomString(random.nextInt(200));
            default:
                return std(randomJson(0).toString());
        }
    }

    private TorzConfig validConfig() {
        List<StoreConfig> stores = new ArrayList<>();
        boolean p2p = random.nextInt(8) == 0;
        if (!p2p) {
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                String code = CODES[random.nextInt(CODES.length - 1)];
                // a pool user is valid only on a store the pool serves
                StoreName store = StoreName.fromCode(code);
                boolean pool = random.nextBoolean() && store.pooled();
                stores.add(pool ? StoreConfig.pooled(store, new java.util.UUID(random.nextLong(), random.nextLong()).toString())
                        : StoreConfig.own(store, "key" + random.nextInt(1_000_000)));
            }
        }
        List<IndexerConfig> indexers = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            indexers.add(new IndexerConfig(random.nextBoolean() ? "jackett" : "generic",
                    "https://idx" + random.nextInt(100) + ".example/api?q=" + random.nextInt(1000) + "&t=%C3%A9",
                    random.nextBoolean() ? "" : "ak" + random.nextInt(1000)));
        }
        String sort = random.nextBoolean() ? "" : "-resolution,size";
        return new TorzConfig(p2p, stores, indexers, random.nextBoolean(), random.nextBoolean(), sort,
                random.nextBoolean() ? "" : "Raw.Name contains \"" + randomString(20).replace("\\", "").replace("\"", "") + "\"");
    }

    private String validJson() {
        String encoded = ConfigCodec.encode(validConfig());
        return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private String editCharacters(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0 && out.length() > 0; edits--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> out.deleteCharAt(at);
                default -> out.setLength(at);
            }
        }
        return out.toString();
    }

    private String flipJsonBytes(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            int at = random.nextInt(bytes.length);
            bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
        }
        if (random.nextInt(4) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return random.nextBoolean() ? std(bytes) : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Replaces one random value anywhere in the tree with a value of another JSON type. */
    private JsonNode swapTypes(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = randomJson(2);
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), replacement);
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), replacement);
        }
        return root;
    }

    private void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collectContainers(child, out));
        }
    }

    private JsonNode randomJson(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth > 3 ? random.nextInt(7) : random.nextInt(10);
        switch (kind) {
            case 0: return f.nullNode();
            case 1: return f.booleanNode(random.nextBoolean());
            case 2: return f.numberNode(random.nextLong());
            case 3: return f.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
            case 4: return f.numberNode(random.nextDouble() * 1e300);
            case 5: return f.textNode(randomString(random.nextInt(12)));
            case 6: return f.textNode(CODES[random.nextInt(CODES.length)]);
            case 7: {
                ArrayNode array = f.arrayNode();
                for (int n = random.nextInt(7); n > 0; n--) {
                    array.add(randomJson(depth + 1));
                }
                return array;
            }
            case 8: {
                ArrayNode deep = f.arrayNode();
                ArrayNode cursor = deep;
                for (int n = random.nextInt(40); n > 0; n--) {
                    cursor = cursor.addArray();
                }
                return deep;
            }
            default: {
                ObjectNode object = f.objectNode();
                String[] keys = {"stores", "indexers", "cached", "unc_prvt", "sort", "filter", "c", "t", "auth", "n", "u", "ak"};
                for (int n = random.nextInt(6); n > 0; n--) {
                    object.set(keys[random.nextInt(keys.length)], randomJson(depth + 1));
                }
                return object;
            }
        }
    }

    private String randomString(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(5) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String std(String json) {
        return std(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String std(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
