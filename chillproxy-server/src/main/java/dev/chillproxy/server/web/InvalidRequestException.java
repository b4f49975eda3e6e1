package dev.chillproxy.server.web;

/** A request the caller got wrong (a malformed body, a bad parameter): a 400 {@code invalid_request} naming it. */
public final class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
