package dev.chillproxy.core.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.chillproxy.core.rank.FilterNode.Operator;

/**
 * Evaluates a compiled filter tree against one stream. Everything that can go wrong at this point
 * (a type mismatch, a pattern that only fails at run time, a regular expression that takes too long)
 * is an {@link EvaluationError}; nothing else escapes. Stateless and thread-safe.
 */
final class FilterEvaluator {

    /** How many characters one regular-expression match may read before it is given up. */
    static final int REGEX_BUDGET = 1_000_000;

    private FilterEvaluator() {
    }

    static Object evaluate(FilterNode node, FilterSubject subject) {
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

    private static Object binary(Operator operator, Object left, Object right) {
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
                return left instanceof List<?> ? member(left, right) : text(left).contains(text(right));
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

    private static boolean member(Object list, Object element) {
        if (!(list instanceof List<?> items)) {
            throw new EvaluationError("not a list");
        }
        for (Object item : items) {
            if (same(item, element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(FilterNode.Matches matches, FilterSubject subject) {
        String input = text(evaluate(matches.subject(), subject));
        Pattern pattern = matches.compiled();
        if (pattern == null) {
            String regex = text(evaluate(matches.pattern(), subject));
            if (regex.length() > FilterParser.MAX_PATTERN_LENGTH) {
                throw new EvaluationError("pattern too long");
            }
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new EvaluationError("invalid pattern");
            }
        }
        try {
            return pattern.matcher(new BudgetedText(input, REGEX_BUDGET)).find();
        } catch (StackOverflowError e) {
            // Java's regex engine recurses on some patterns; a deep input must cost one stream, not the thread
            throw new EvaluationError("pattern too complex");
        }
    }

    private static Object call(FilterNode.Function function, Object argument) {
        if (function == FilterNode.Function.LEN) {
            if (argument instanceof List<?> list) {
                return (double) list.size();
            }
            String text = text(argument);
            return (double) text.codePointCount(0, text.length());
        }
        String text = text(argument);
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

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new EvaluationError("not a string");
    }

    /** Text that refuses to be read more than a set number of times: stops catastrophic backtracking. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private int budget;

        BudgetedText(String text, int budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new EvaluationError("pattern took too long");
            }
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
