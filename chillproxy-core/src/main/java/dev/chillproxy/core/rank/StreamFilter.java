package dev.chillproxy.core.rank;

import java.util.Objects;

import dev.chillproxy.core.stream.StreamCandidate;

/**
 * A compiled stream filter in StremThru's expression language (a subset of expr-lang), e.g.
 * {@code Resolution >= "1080p" && Quality >= "WEB" && !("CAM" in Audio)}.
 *
 * <p>Language: literals ({@code "text"}, {@code 'text'}, {@code `raw`}, {@code 12}, {@code 1.5},
 * {@code true}, {@code false}, {@code nil}, {@code ["a", "b"]}); names from go-ptt and StremThru
 * ({@code Resolution}, {@code Quality}, {@code Codec}, {@code HDR}, {@code Audio}, {@code Channels},
 * {@code Languages}, {@code Seasons}, {@code Episodes}, {@code Complete}, {@code Year}, {@code Group},
 * {@code Title}, {@code Edition}, {@code BitDepth}, {@code Container}, {@code Site}, {@code Size},
 * {@code File.Name}, {@code File.Size}, {@code File.Idx}, {@code Hash}, {@code IsPrivate},
 * {@code Seeders}, {@code Indexer}, {@code Raw.Name}, {@code Store.Code}, {@code Store.IsCached}, …);
 * {@code == != < <= > >=}, {@code in}, {@code not in}, {@code contains} (substring, or membership
 * when the left side is a list), {@code startsWith}, {@code endsWith}, {@code matches} (Java regex,
 * unanchored), {@code && and}, {@code || or}, {@code ! not}, parentheses, {@code len(x)},
 * {@code lower(x)}, {@code upper(x)}.
 *
 * <p>Semantics that differ from plain comparison, following StremThru:
 * <ul>
 *   <li>The six comparisons with {@code Resolution}, {@code Quality}, {@code Size} or
 *       {@code File.Size} on either side compare {@link Ranks}: {@code Resolution >= "1080p"},
 *       {@code Quality > "WEBRip"}, {@code Size < "10GB"}. Size literals use binary units whether
 *       written "GB" or "GiB" (what the description shows); the stream's size is compared as shown,
 *       rounded. {@code in}, {@code contains} and {@code matches} see these fields as they are.</li>
 *   <li>A stream on which the expression fails at run time (a type mismatch, one regex match that reads
 *       more than {@value FilterEvaluator#MATCH_STEPS} characters) is kept: it counts as a match.</li>
 *   <li>Regular expressions use Java's syntax minus what RE2 (StremThru's engine) lacks and what
 *       backtracks catastrophically: no back-references, no lookarounds, no repeated group holding a
 *       repetition ({@code (a+)+}), counts up to {@value RegexGuard#MAX_REPEAT}; a compile error.</li>
 *   <li>Names are case-sensitive; an unknown name is a compile error (StremThru silently reads nil).</li>
 * </ul>
 * Limits: {@value #MAX_LENGTH} characters, {@value FilterParser#MAX_DEPTH} levels of nesting,
 * {@value FilterParser#MAX_MATCHES} {@code matches}, {@value FilterParser#MAX_PATTERN_LENGTH}-character
 * regular expressions; at run time, one {@link FilterBudget} per list (a user's filter runs on shared CPU).
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamFilter {

    public static final int MAX_LENGTH = 2_000;

    private static final StreamFilter MATCH_ALL = new StreamFilter("", null);

    private final String expression;
    private final FilterNode root;

    private StreamFilter(String expression, FilterNode root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Compiles an expression; null or blank gives a filter that keeps every stream.
     *
     * @throws FilterException when the expression is too long, malformed, names an unknown field or
     *                         function, or is certain not to give true or false
     */
    public static StreamFilter compile(String expression) throws FilterException {
        if (expression == null || expression.isBlank()) {
            return MATCH_ALL;
        }
        if (expression.length() > MAX_LENGTH) {
            throw new FilterException("longer than " + MAX_LENGTH + " characters", 0);
        }
        return new StreamFilter(expression, FilterParser.parse(expression));
    }

    /**
     * Whether a stream passes. StremThru filters before a store is chosen, so its {@code Store.*}
     * fields are empty; pass {@code ""} and {@code false} to reproduce that.
     *
     * @param storeCode the store code ("TB", any case), or "" / null when none is assigned yet
     * @param cached    whether that store has the torrent cached
     * @param budget    the budget of the list this stream belongs to, shared by all its streams
     * @throws FilterTooExpensiveException when the list's budget has run out; the list should not be served
     *                                     as if filtered
     */
    public boolean test(StreamCandidate candidate, String storeCode, boolean cached, FilterBudget budget)
            throws FilterTooExpensiveException {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(budget, "budget");
        if (root == null) {
            return true;
        }
        try {
            return !(new FilterEvaluator(budget).evaluate(root, new FilterSubject(candidate, storeCode, cached))
                    instanceof Boolean result) || result;
        } catch (EvaluationError e) {
            return true;
        } catch (FilterBudget.Exhausted e) {
            throw new FilterTooExpensiveException(e.late);
        }
    }

    /** The expression as written. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return "StreamFilter[" + expression + "]";
    }
}
