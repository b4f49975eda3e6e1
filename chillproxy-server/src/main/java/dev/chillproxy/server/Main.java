package dev.chillproxy.server;

/** Entry point; the composition root is built here. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not wired yet");
    }
}
