package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.stream.StreamCandidate;

/**
 * Random and mutated expressions must either compile or fail with {@link FilterException}, and a
 * compiled filter must never throw while testing a stream except {@link FilterTooExpensiveException},
 * and never spend more than its budget. Seeded, so failures reproduce.
 */
class StreamFilterFuzzTest {

    private static final int EXPRESSIONS = 9_000;
    private static final int REGEXES = 1_500;
    /** Small, so that the crafted patterns really run into it. */
    private static final long STEPS = 150_000;
    /** The largest single charge: compiling a pattern read from a stream field. */
    private static final long LARGEST_CHARGE = 16L * FilterParser.MAX_PATTERN_LENGTH;

    private static final List<String> REGEX_ATOMS = List.of(".*", ".+", "a*", "a+", "a?", "a", "b", "(a|a)", "(a|ab)",
            "(a|a)*", "(a+)+", "(.*a){9}", "[a-z]*", "\\w*", "\\d+", "(?i)", "^", "$", "#", "(", ")", "|", "{2}",
            "{1,40}", "*", "+", "?", "\\1", "(?=a)", "[^#]*", "(?:a*b)*", ".*.*", "\\b");

    private static final List<String> SEEDS = List.of(
            "Resolution >= \"1080p\" && Quality >= \"WEB\"",
            "!Complete && len(Seasons) <= 1 && len(Episodes) <= 1",
            "len(Languages) == 0 || \"sk\" in Languages || \"en\" in Languages",
            "Size < \"10GB\" and not IsPrivate",
            "HDR contains \"DV\" or (Codec in ['x265', 'hevc'] && File.Size > '1.5 GiB')",
            "File.Name matches `(?i)s01e0[1-3]` && Seeders > 5",
            "Group startsWith \"R\" || Indexer endsWith 'x' || lower(Title) contains \"matrix\"",
            "[1, 2.5, \"a\", true, nil] == [1, 2.5, \"a\", true, nil] && -Year < 0");

    private static final List<String> PIECES = List.of("Resolution", "Quality", "Size", "File.Size", "File.Name", "HDR",
            "Languages", "Seasons", "Complete", "Year", "Seeders", "Title", "Store.Code", "Unknown", "Hash", "nil",
            "true", "false", "\"1080p\"", "'4k'", "\"10GB\"", "\"x\"", "`(a+)+`", "\"(\"", "0", "-1", "2.5", "==", "!=",
            "<", "<=", ">", ">=", "&&", "||", "and", "or", "not", "!", "in", "not in", "contains", "matches",
            "startsWith", "endsWith", "(", ")", "[", "]", ",", "len(", "lower(", "upper(", "-", "+", "=", "&", "|",
            "\"", "'", "`", "\\", ".", "#", "é", "\uD83D\uDCE6");

    private static final List<String> OPERANDS = List.of("Resolution", "Quality", "Size", "File.Size", "File.Name",
            "File.Idx", "HDR", "Languages", "Seasons", "Complete", "Year", "Seeders", "Title", "Store.Code",
            "Store.IsCached", "IsPrivate", "nil", "true", "false", "\"1080p\"", "'WEB-DL'", "\"700MB\"", "\"DV\"",
            "\"en\"", "0", "1", "2.5", "-3", "[]", "[1, 2]", "[\"en\", \"fr\"]");

    private static final List<String> BINARY = List.of("==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "startsWith", "endsWith", "matches");

    private static final List<StreamCandidate> STREAMS = List.of(
            StreamFixture.stream().build(),
            StreamFixture.stream().resolution("1080p").quality("WEB-DL").hdr("DV").languages("en").seasons(1)
                    .size(5_000_000_000L).file(0, "S01E02.mkv", 1_000_000_000L).seeders(9).build(),
            StreamFixture.stream().title("a,".repeat(15) + "b".repeat(20)).resolution("4k").quality("CAM").build(),
            StreamFixture.stream().title("a".repeat(60) + "!").torrentName("a".repeat(30) + "b".repeat(30))
                    .group("(a|a)*b").build());

    private static void runWithinBudget(StreamFilter filter, String expression, Random random) {
        FilterBudget budget = new FilterBudget(STEPS, Duration.ofDays(1), () -> 0L);
        for (StreamCandidate stream : STREAMS) {
            try {
                filter.test(stream, random.nextBoolean() ? "tb" : "", random.nextBoolean(), budget);
            } catch (FilterTooExpensiveException expected) {
                assertTrue(budget.spent() > STEPS, "stopped early: " + expression);
            } catch (RuntimeException | StackOverflowError e) {
                fail("test threw " + e + " for: " + expression);
            }
            assertTrue(budget.spent() <= STEPS + LARGEST_CHARGE, budget.spent() + " steps for: " + expression);
        }
    }

    @Test
    void craftedRegexesEndWithinTheStepBudget() {
        Random random = new Random(20240602L);
        int compiled = 0;
        int expensive = 0;
        for (int i = 0; i < REGEXES; i++) {
            StringBuilder regex = new StringBuilder();
            for (int atoms = 1 + random.nextInt(10); atoms > 0; atoms--) {
                regex.append(REGEX_ATOMS.get(random.nextInt(REGEX_ATOMS.size())));
            }
            String subject = List.of("Title", "Raw.Name", "lower(Title)").get(random.nextInt(3));
            String expression = subject + " matches `" + regex + "`" + (random.nextBoolean() ? " || Title matches Group" : "");
            StreamFilter filter;
            try {
                filter = StreamFilter.compile(expression);
            } catch (FilterException refused) {
                continue;
            }
            compiled++;
            FilterBudget budget = new FilterBudget(STEPS, Duration.ofDays(1), () -> 0L);
            for (StreamCandidate stream : STREAMS) {
                try {
                    filter.test(stream, "", false, budget);
                } catch (FilterTooExpensiveException e) {
                    expensive++;
                    break;
                } catch (RuntimeException | StackOverflowError e) {
                    fail("test threw " + e + " for: " + expression);
                }
            }
            assertTrue(budget.spent() <= STEPS + LARGEST_CHARGE, budget.spent() + " steps for: " + expression);
        }
        System.out.println("regex fuzz: " + REGEXES + " patterns, " + compiled + " compiled, " + expensive + " too expensive");
        assertTrue(compiled > REGEXES / 10, "compiled only " + compiled);
        assertTrue(expensive > 0, "no crafted pattern reached the budget, so the budget was not exercised");
    }

    @Test
    void randomExpressionsCompileOrFailCleanlyAndNeverThrowWhenEvaluated() {
        Random random = new Random(20240601L);
        int compiled = 0;
        for (int i = 0; i < EXPRESSIONS; i++) {
            String expression = i % 3 == 0 ? soup(random)
                    : i % 3 == 1 ? mutate(SEEDS.get(random.nextInt(SEEDS.size())), random) : grammar(random, 0);
            StreamFilter filter;
            try {
                filter = StreamFilter.compile(expression);
            } catch (FilterException expected) {
                assertTrue(expected.getMessage().startsWith("invalid filter expression: "), expected.getMessage());
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                fail("compile threw " + e + " for: " + expression);
                return;
            }
            compiled++;
            runWithinBudget(filter, expression, random);
        }
        // both paths must really be exercised for the fuzzing to mean anything
        assertTrue(compiled > EXPRESSIONS / 20, "compiled only " + compiled);
        System.out.println("fuzz: " + EXPRESSIONS + " expressions, " + compiled + " compiled");
        assertTrue(compiled < EXPRESSIONS, "nothing was rejected");
    }

    /** A well-formed boolean-shaped expression; its operand types may or may not fit. */
    private static String grammar(Random random, int depth) {
        switch (random.nextInt(depth > 1 ? 1 : 5)) {
            case 0:
                return operand(random) + " " + BINARY.get(random.nextInt(BINARY.size())) + " " + operand(random);
            case 1:
                return "(" + grammar(random, depth + 1) + ")";
            case 2:
                return (random.nextBoolean() ? "!(" : "not (") + grammar(random, depth + 1) + ")";
            default:
                return grammar(random, depth + 1) + (random.nextBoolean() ? " && " : " or ") + grammar(random, depth + 1);
        }
    }

    private static String operand(Random random) {
        String operand = OPERANDS.get(random.nextInt(OPERANDS.size()));
        int wrap = random.nextInt(16);
        return wrap == 0 ? "len(" + operand + ")" : wrap == 1 ? "lower(" + operand + ")" : operand;
    }

    private static String soup(Random random) {
        StringBuilder expression = new StringBuilder();
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 12);
        for (int i = 0; i < length; i++) {
            expression.append(PIECES.get(random.nextInt(PIECES.size()))).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return expression.toString();
    }

    private static String mutate(String seed, Random random) {
        StringBuilder expression = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && expression.length() > 0; i++) {
            int at = random.nextInt(expression.length());
            switch (random.nextInt(4)) {
                case 0:
                    expression.deleteCharAt(at);
                    break;
                case 1:
                    expression.insert(at, PIECES.get(random.nextInt(PIECES.size())));
                    break;
                case 2:
                    expression.setCharAt(at, (char) (32 + random.nextInt(95)));
                    break;
                default:
                    expression.insert(at, expression.substring(at, Math.min(expression.length(), at + 1 + random.nextInt(20))));
            }
        }
        return expression.toString();
    }
}
