package dev.chillproxy.server.stremio;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.ConfigProblem;
import dev.chillproxy.core.store.StoreName;

/**
 * The codec's problems ({@code stores[0]: needs auth or t}) in the words of the configure page's form, for the
 * people who fill it in. The field path is kept for machines; only the message changes. Messages the codec never
 * echoes a secret in stay secret-free here: quoted values are only the codec's own short, echoable ones.
 */
final class ProblemWords {

    private static final Pattern STORE_FIELD = Pattern.compile("stores\\[\\d+]\\.?(.*)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Map<String, String> LABELS = Map.of("c", "Store", "auth", "User ID", "t", "Store API token",
            "sort", "Sort", "filter", "Filter", "cached", "Cached streams only", "indexers", "Indexers");

    private ProblemWords() {
    }

    static ConfigException reworded(ConfigException e) {
        return new ConfigException(e.problems().stream()
                .map(p -> new ConfigProblem(p.field(), sentence(p))).collect(Collectors.toList()));
    }

    static List<String> sentences(ConfigException e) {
        return e.problems().stream().map(ProblemWords::sentence).collect(Collectors.toList());
    }

    static String sentence(ConfigProblem problem) {
        String message = problem.message();
        Matcher store = STORE_FIELD.matcher(problem.field());
        String part = store.matches() ? store.group(1) : problem.field();
        String quoted = quoted(message);
        if (problem.field().equals("cfg")) {
            return "The settings in this link could not be read (" + message + "). Fill in the form again.";
        }
        if (problem.field().equals("stores") || store.matches() && part.isEmpty()) {
            if (message.startsWith("needs auth or t")) {
                return "Enter your user ID (or, if you chose your own store API token, the token).";
            }
            if (message.startsWith("at least one store")) {
                return "Choose a store.";
            }
        }
        if (part.equals("c")) {
            return message.equals("missing") ? "Choose a store."
                    : "Choose a store from the list" + (quoted.isEmpty() ? "." : ": \"" + quoted + "\" is not one.");
        }
        if (part.equals("auth") && message.startsWith("not a UUID")) {
            return "The user ID is not in the right form: it looks like 123e4567-e89b-12d3-a456-426614174000.";
        }
        if (part.equals("auth") && message.startsWith("the key pool does not serve")) {
            return "A user ID works only with " + pooledLabels()
                    + ". For this store choose \"My own store API token\".";
        }
        if (problem.field().equals("sort") && message.startsWith("unknown field")) {
            return "Sort: \"" + quoted + "\" is not a sort field. Use resolution, quality, size or hdr, each with an"
                    + " optional \"-\" in front for descending.";
        }
        if (problem.field().equals("sort") && message.equals("empty field")) {
            return "Sort: remove the empty entry between two commas.";
        }
        String label = LABELS.getOrDefault(part, LABELS.getOrDefault(problem.field(), problem.field()));
        return label + ": " + message + ".";
    }

    private static String quoted(String message) {
        Matcher matcher = QUOTED.matcher(message);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String pooledLabels() {
        return StoreName.pooledStores().stream().map(StoreName::label).sorted().collect(Collectors.joining(" or "));
    }
}
