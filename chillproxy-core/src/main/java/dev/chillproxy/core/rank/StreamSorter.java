package dev.chillproxy.core.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.chillproxy.core.stream.StreamCandidate;

/**
 * Orders stream candidates by a StremThru sort spec such as {@code "-resolution,-quality,-size"}:
 * comma-separated keys from {@code resolution}, {@code quality}, {@code size}, {@code hdr}, each
 * ascending, or descending with a leading {@code -} (names case-insensitive), compared by {@link Ranks}. The sort is stable,
 * and candidates whose title parsed to nothing (no resolution and no quality) go last whatever the
 * keys say, as StremThru puts unparseable streams last.
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamSorter {

    /** StremThru's default, used for an empty spec. */
    public static final String DEFAULT_SPEC = "-resolution,-quality,-size";

    private final List<Key> keys;

    private StreamSorter(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Reads a sort spec; null, empty or blank means {@link #DEFAULT_SPEC}. Blanks around keys and empty
     * entries (a trailing comma) are ignored.
     *
     * @throws IllegalArgumentException naming the first key that is not a sort field
     */
    public static StreamSorter parse(String spec) {
        String text = spec == null || spec.isBlank() ? DEFAULT_SPEC : spec;
        List<Key> keys = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            boolean descending = entry.startsWith("-");
            String name = descending ? entry.substring(1).strip() : entry;
            keys.add(new Key(Field.named(name), descending));
        }
        return new StreamSorter(keys.isEmpty() ? parse(DEFAULT_SPEC).keys : keys);
    }

    /** A new list with the candidates in order; the input is not changed. */
    public List<StreamCandidate> sort(List<StreamCandidate> candidates) {
        List<StreamCandidate> sorted = new ArrayList<>(candidates);
        sorted.sort(comparator());
        return sorted;
    }

    /** The order this sorter applies, for callers that sort their own lists. */
    public Comparator<StreamCandidate> comparator() {
        Comparator<StreamCandidate> order = Comparator.comparing(StreamSorter::unparseable);
        for (Key key : keys) {
            Comparator<StreamCandidate> byKey = Comparator.comparingLong(key.field().rank);
            order = order.thenComparing(key.descending() ? byKey.reversed() : byKey);
        }
        return order;
    }

    /** The normalised spec, e.g. {@code "-resolution,-quality,-size"}. */
    @Override
    public String toString() {
        return keys.stream().map(k -> (k.descending() ? "-" : "") + k.field().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    private static boolean unparseable(StreamCandidate candidate) {
        return candidate.parsed().resolution().isEmpty() && candidate.parsed().quality().isEmpty();
    }

    private record Key(Field field, boolean descending) {
        Key {
            Objects.requireNonNull(field, "field");
        }
    }

    private enum Field {
        RESOLUTION(c -> Ranks.resolution(c.parsed().resolution())),
        QUALITY(c -> Ranks.quality(c.parsed().quality())),
        SIZE(Ranks::size),
        HDR(c -> Ranks.hdr(c.parsed()));

        private final ToLongFunction<StreamCandidate> rank;

        Field(ToLongFunction<StreamCandidate> rank) {
            this.rank = rank;
        }

        static Field named(String name) {
            for (Field field : values()) {
                if (field.name().equalsIgnoreCase(name)) {
                    return field;
                }
            }
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            throw new IllegalArgumentException("sort: unknown field \"" + shown
                    + "\" (expected resolution, quality, size or hdr, each optionally prefixed with -)");
        }
    }
}
