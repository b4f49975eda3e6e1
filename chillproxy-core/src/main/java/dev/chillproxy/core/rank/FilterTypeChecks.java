package dev.chillproxy.core.rank;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.chillproxy.core.rank.FilterNode.Operator;

/**
 * The type rules of {@link FilterParser}: operands whose type is certain to be wrong are rejected, literals
 * compared with a ranked field become ranks and literal regular expressions are compiled and vetted, all
 * once at parse time. Kept apart so the parser holds only the grammar.
 */
final class FilterTypeChecks {

    private FilterTypeChecks() {
    }

    static FilterNode binary(Operator operator, FilterNode left, FilterNode right, FilterToken at)
            throws FilterException {
        RankedField rank = rankOf(left).orElse(rankOf(right).orElse(null));
        if (operator.isComparison() && rank != null) {
            boolean fieldOnLeft = rankOf(left).isPresent();
            FilterNode other = fieldOnLeft ? right : left;
            return new FilterNode.RankComparison(operator, rank, fieldOnLeft, fieldOnLeft ? left : right,
                    rankLiteral(rank, other, at));
        }
        if (operator.isOrdering()) {
            expect(left, at, ValueType.NUMBER, ValueType.STRING);
            expect(right, at, ValueType.NUMBER, ValueType.STRING);
        } else if (operator == Operator.IN || operator == Operator.NOT_IN) {
            expect(right, at, ValueType.LIST);
        } else if (operator == Operator.CONTAINS) {
            expect(left, at, ValueType.STRING, ValueType.LIST);
        } else if (operator == Operator.STARTS_WITH || operator == Operator.ENDS_WITH) {
            expect(left, at, ValueType.STRING);
            expect(right, at, ValueType.STRING);
        }
        return new FilterNode.Binary(operator, left, right);
    }

    /** A literal on the other side of a ranked comparison becomes its rank once, here. */
    private static FilterNode rankLiteral(RankedField rank, FilterNode other, FilterToken at) throws FilterException {
        if (!(other instanceof FilterNode.Literal literal)) {
            expect(other, at, ValueType.NUMBER, ValueType.STRING);
            return other;
        }
        try {
            return new FilterNode.Literal((double) rank.ofValue(literal.value()), ValueType.NUMBER);
        } catch (EvaluationError e) {
            String what = literal.value() instanceof String text ? "\"" + shorten(text) + "\"" : "this value";
            throw new FilterException("cannot compare " + rank.name().toLowerCase(Locale.ROOT)
                    + " with " + what + " (sizes look like \"700MB\" or \"1.5 GB\")", at.column());
        }
    }

    /** A literal pattern compiled once, or null when the pattern is computed per stream. */
    static Pattern literalPattern(FilterNode pattern, FilterToken at) throws FilterException {
        Pattern compiled = null;
        if (pattern instanceof FilterNode.Literal literal && literal.value() instanceof String regex) {
            if (regex.length() > FilterParser.MAX_PATTERN_LENGTH) {
                throw new FilterException("regular expression longer than " + FilterParser.MAX_PATTERN_LENGTH
                        + " characters", at.column());
            }
            try {
                compiled = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new FilterException("invalid regular expression \"" + shorten(regex) + "\": "
                        + e.getDescription(), at.column());
            }
            Optional<String> problem = RegexGuard.problem(regex);
            if (problem.isPresent()) {
                throw new FilterException("regular expression \"" + shorten(regex) + "\" not allowed: "
                        + problem.get(), at.column());
            }
        }
        return compiled;
    }

    private static Optional<RankedField> rankOf(FilterNode node) {
        return node instanceof FilterNode.Field field ? Optional.ofNullable(field.field().rank()) : Optional.empty();
    }

    static FilterNode bool(FilterNode operand, FilterToken at) throws FilterException {
        expect(operand, at, ValueType.BOOL);
        return operand;
    }

    static void expect(FilterNode node, FilterToken at, ValueType... allowed) throws FilterException {
        if (!node.type().mayBe(allowed)) {
            throw new FilterException("\"" + at.text() + "\" cannot be used with a " + node.type().label(),
                    at.column());
        }
    }

    static String shorten(String text) {
        return text.length() > 24 ? text.substring(0, 24) + "…" : text;
    }
}
