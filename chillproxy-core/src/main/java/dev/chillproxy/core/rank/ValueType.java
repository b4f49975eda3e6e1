package dev.chillproxy.core.rank;

/** What a filter sub-expression is known to produce before it runs; {@code ANY} when not known. */
enum ValueType {
    BOOL, NUMBER, STRING, LIST, ANY;

    /** Whether a value of this type may be one of {@code allowed}; {@code ANY} may be anything. */
    boolean mayBe(ValueType... allowed) {
        if (this == ANY) {
            return true;
        }
        for (ValueType type : allowed) {
            if (type == this || type == ANY) {
                return true;
            }
        }
        return false;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
