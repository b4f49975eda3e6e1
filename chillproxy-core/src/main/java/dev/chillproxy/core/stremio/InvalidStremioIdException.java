package dev.chillproxy.core.stremio;

/** A stream request whose type or id torz does not understand; the message says why in user words. */
public final class InvalidStremioIdException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidStremioIdException(String message) {
        super(message);
    }
}
