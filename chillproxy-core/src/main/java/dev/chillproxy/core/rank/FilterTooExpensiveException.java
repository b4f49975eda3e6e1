package dev.chillproxy.core.rank;

/**
 * A filter needed more work than its list's {@link FilterBudget} allows. The message says so in words the user
 * who wrote the filter can act on, and quotes nothing of the filter or the streams.
 */
public final class FilterTooExpensiveException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean late;

    FilterTooExpensiveException(boolean late) {
        super("filter too expensive: it needed more than this server allows for one list"
                + (late ? " (time)" : " (steps)") + ". Simplify its regular expressions (fewer \"matches\", no \".*\" in a row)"
                + " or use contains, startsWith or endsWith instead.", null, false, false);
        this.late = late;
    }

    /** Whether the deadline, rather than the step count, ran out. */
    public boolean late() {
        return late;
    }
}
