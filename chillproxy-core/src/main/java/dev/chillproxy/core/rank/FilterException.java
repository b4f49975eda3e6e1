package dev.chillproxy.core.rank;

/**
 * A stream filter expression that cannot be compiled. The message reads
 * {@code invalid filter expression: <what> at <column>}, with 1-based columns, and is safe to show
 * to the user who wrote the expression (it quotes at most a short excerpt of it).
 */
public final class FilterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int column;

    FilterException(String detail, int column) {
        super("invalid filter expression: " + detail + (column > 0 ? " at " + column : ""));
        this.column = column;
    }

    /** The 1-based column the problem was found at, or 0 when it concerns the whole expression. */
    public int column() {
        return column;
    }
}
