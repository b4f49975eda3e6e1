package dev.chillproxy.core.rank;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The compiled form of a filter expression: an immutable tree that {@link FilterEvaluator} walks. */
sealed interface FilterNode {

    /** What this node is known to produce before it runs. */
    ValueType type();

    /** A constant: a {@code String}, a {@code Double}, a {@code Boolean} or null. */
    record Literal(Object value, ValueType type) implements FilterNode {
        public Literal {
            Objects.requireNonNull(type, "type");
        }
    }

    /** A stream field such as {@code Resolution} or {@code File.Name}. */
    record Field(FilterField field) implements FilterNode {
        public Field {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public ValueType type() {
            return field.type();
        }
    }

    /** An array literal, {@code ["en", "fr"]}. */
    record Array(List<FilterNode> items) implements FilterNode {
        public Array {
            items = List.copyOf(items);
        }

        @Override
        public ValueType type() {
            return ValueType.LIST;
        }
    }

    /** {@code !x}, {@code not x}, {@code -x}. */
    record Unary(boolean negateNumber, FilterNode operand) implements FilterNode {
        public Unary {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public ValueType type() {
            return negateNumber ? ValueType.NUMBER : ValueType.BOOL;
        }
    }

    /** {@code &&}/{@code and} and {@code ||}/{@code or}, evaluated left to right with short circuit. */
    record Logical(boolean and, FilterNode left, FilterNode right) implements FilterNode {
        public Logical {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    /** A binary test other than the logical ones. */
    record Binary(Operator operator, FilterNode left, FilterNode right) implements FilterNode {
        public Binary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    /**
     * A comparison rewritten to compare ranks, as StremThru does for {@code Resolution}, {@code Quality},
     * {@code Size} and {@code File.Size}: {@code field} is the ranked field's side, {@code other} the
     * other side (a literal is already a rank).
     */
    record RankComparison(Operator operator, RankedField rank, boolean fieldOnLeft, FilterNode field,
            FilterNode other) implements FilterNode {
        public RankComparison {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(rank, "rank");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(other, "other");
        }

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    /** {@code subject matches pattern}; {@code compiled} is set when the pattern was a literal. */
    record Matches(FilterNode subject, FilterNode pattern, Pattern compiled) implements FilterNode {
        public Matches {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    /** A built-in function of one argument. */
    record Call(Function function, FilterNode argument) implements FilterNode {
        public Call {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(argument, "argument");
        }

        @Override
        public ValueType type() {
            return function == Function.LEN ? ValueType.NUMBER : ValueType.STRING;
        }
    }

    enum Operator {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"), CONTAINS("contains"),
        STARTS_WITH("startsWith"), ENDS_WITH("endsWith");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean isComparison() {
            return ordinal() <= GE.ordinal();
        }

        boolean isOrdering() {
            return this == LT || this == LE || this == GT || this == GE;
        }
    }

    enum Function { LEN, LOWER, UPPER }
}
