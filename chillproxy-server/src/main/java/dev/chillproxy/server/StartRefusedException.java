package dev.chillproxy.server;

/**
 * Start-up stopped for a reason the operator can fix (port taken, pool keys the encryption key cannot open):
 * {@link Main} logs the message as one line, without a stack trace, and exits non-zero. The message names what
 * to change and never holds a secret.
 */
public final class StartRefusedException extends RuntimeException {

    public StartRefusedException(String message) {
        super(message, null, false, false);
    }
}
