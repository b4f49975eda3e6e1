package dev.chillproxy.core.rank;

/**
 * A filter that went wrong on one stream (a type mismatch, a runaway regex). StremThru keeps such a
 * stream, so {@link StreamFilter#test} turns this into a match. No stack trace: it is an outcome.
 */
final class EvaluationError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EvaluationError(String message) {
        super(message, null, false, false);
    }
}
