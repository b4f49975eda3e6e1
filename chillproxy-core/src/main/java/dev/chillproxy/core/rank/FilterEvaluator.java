package dev.chillproxy.core.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.chillproxy.core.rank.FilterNode.Operator;

/**
 * Evaluates a compiled filter tree against streams, charging every step to one {@link FilterBudget}.
 * What goes wrong with one stream (a type mismatch, a pattern that only fails at run time, one regular
 * expression match that reads more than {@value #MATCH_STEPS} characters) is an {@link EvaluationError};
 * running out of the shared budget is a {@link FilterBudget.Exhausted}; nothing else escapes.
 * Not thread-safe, like its budget.
 */
final class FilterEvaluator {

    /** How many characters one regular-expression match may read before that stream is given up (and kept). */
    static final int MATCH_STEPS = 200_000;
    /** What compiling a pattern taken from a stream field costs, per character of the pattern. */
    private static final int COMPILE_STEPS_PER_CHAR = 16;

    private final FilterBudget budget;

    FilterEvaluator(FilterBudget budget) {
        this.budget = budget;
    }

    Object evaluate(FilterNode node, FilterSubject subject) {
        budget.spend(1);
        if (node instanceof FilterNode.Literal literal) {
            return literal.value();
        }
        if (node instanceof FilterNode.Field field) {
            return field.field().reader().apply(subject);
        }
        if (node instanceof FilterNode.Array array) {
            List<Object> values = new ArrayList<>(array.items().size());
            for (FilterNode item : array.items()) {
                values.add(evaluate(item, subject));
            }
            return values;
        }
        if (node instanceof FilterNode.Logical logical) {
            boolean left = bool(evaluate(logical.left(), subject));
            if (left != logical.and()) {
                return left;
            }
            return bool(evaluate(logical.right(), subject));
        }
        if (node instanceof FilterNode.Unary unary) {
            Object value = evaluate(unary.operand(), subject);
            return unary.negateNumber() ? (Object) (-number(value)) : (Object) !bool(value);
        }
        if (node instanceof FilterNode.RankComparison ranked) {
            long field = ranked.rank().ofField(evaluate(ranked.field(), subject));
            long other = ranked.rank().ofValue(evaluate(ranked.other(), subject));
            int order = ranked.fieldOnLeft() ? Long.compare(field, other) : Long.compare(other, field);
            return holds(ranked.operator(), order);
        }
        if (node instanceof FilterNode.Binary binary) {
            return binary(binary.operator(), evaluate(binary.left(), subject), evaluate(binary.right(), subject));
        }
        if (node instanceof FilterNode.Matches matches) {
            return matches(matches, subject);
        }
        if (node instanceof FilterNode.Call call) {
            return call(call.function(), evaluate(call.argument(), subject));
        }
        throw new EvaluationError("unknown node");
    }

    private Object binary(Operator operator, Object left, Object right) {
        switch (operator) {
            case EQ:
                return same(left, right);
            case NE:
                return !same(left, right);
            case IN:
                return member(right, left);
            case NOT_IN:
                return !member(right, left);
            case CONTAINS:
                return left instanceof List<?> ? member(left, right) : walked(text(left)).contains(text(right));
            case STARTS_WITH:
                return text(left).startsWith(text(right));
            case ENDS_WITH:
                return text(left).endsWith(text(right));
            default:
                return holds(operator, order(left, right));
        }
    }

    private static boolean holds(Operator operator, int order) {
        switch (operator) {
            case EQ:
                return order == 0;
            case NE:
                return order != 0;
            case LT:
                return order < 0;
            case LE:
                return order <= 0;
            case GT:
                return order > 0;
            case GE:
                return order >= 0;
            default:
                throw new EvaluationError("not an ordering: " + operator.symbol);
        }
    }

    private static int order(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof String a && right instanceof String b) {
            return Integer.signum(a.compareTo(b));
        }
        throw new EvaluationError("cannot order these values");
    }

    /** expr-lang equality: numbers by value, lists element by element, different types never equal. */
    private static boolean same(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return left == null ? right == null : left.equals(right);
    }

    private boolean member(Object list, Object element) {
        if (!(list instanceof List<?> items)) {
            throw new EvaluationError("not a list");
        }
        budget.spend(items.size());
        for (Object item : items) {
            if (same(item, element)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(FilterNode.Matches matches, FilterSubject subject) {
        String input = text(evaluate(matches.subject(), subject));
        Pattern pattern = matches.compiled();
        if (pattern == null) {
            String regex = text(evaluate(matches.pattern(), subject));
            if (regex.length() > FilterParser.MAX_PATTERN_LENGTH) {
                throw new EvaluationError("pattern too long");
            }
            budget.spend((long) regex.length() * COMPILE_STEPS_PER_CHAR);
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new EvaluationError("invalid pattern");
            }
            // a pattern read from a stream gets the same shape rules as one written in the filter
            if (RegexGuard.problem(regex).isPresent()) {
                throw new EvaluationError("pattern not supported");
            }
        }
        try {
            return pattern.matcher(new BudgetedText(input, budget)).find();
        } catch (StackOverflowError e) {
            // Java's regex engine recurses on some patterns; a deep input must cost one stream, not the thread
            throw new EvaluationError("pattern too complex");
        }
    }

    private Object call(FilterNode.Function function, Object argument) {
        if (function == FilterNode.Function.LEN) {
            if (argument instanceof List<?> list) {
                return (double) list.size();
            }
            String text = walked(text(argument));
            return (double) text.codePointCount(0, text.length());
        }
        String text = walked(text(argument));
        return function == FilterNode.Function.LOWER ? text.toLowerCase(Locale.ROOT) : text.toUpperCase(Locale.ROOT);
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new EvaluationError("not true or false");
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new EvaluationError("not a number");
    }

    /** A text about to be walked whole: its length is charged. */
    private String walked(String text) {
        budget.spend(text.length());
        return text;
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new EvaluationError("not a string");
    }

    /**
     * Text whose every read is charged to the list's budget, and that refuses more than {@link #MATCH_STEPS}
     * reads for one match: java.util.regex backtracks, and this is what stops a catastrophic pattern.
     */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final FilterBudget budget;
        private int left = MATCH_STEPS;

        BudgetedText(String text, FilterBudget budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new EvaluationError("pattern took too long");
            }
            budget.spend(1);
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
