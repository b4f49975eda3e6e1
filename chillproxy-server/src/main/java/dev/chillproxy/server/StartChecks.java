package dev.chillproxy.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.server.settings.Settings;

/** Mistakes that stop start-up with one line saying what to do, before anything half-starts. */
final class StartChecks {

    private StartChecks() {
    }

    /** Binds the port once and lets it go, so a port another program holds stops start-up at once. */
    static void requirePortFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT after a restart is free
            socket.bind(new InetSocketAddress(bindAddress, port));
        } catch (IOException e) {
            throw portTaken(bindAddress, port);
        }
    }

    static StartRefusedException portTaken(String bindAddress, int port) {
        return new StartRefusedException("port " + port + " on " + bindAddress + " is already in use (another "
                + "chillproxy still running?): stop that process or set PORT to a free port");
    }

    /** A data folder copied without its encryption key would otherwise start with a new one and fail every user. */
    static void requireKeysOpen(PoolAdmin admin, Settings settings) {
        long undecryptable = admin.undecryptableKeys();
        if (undecryptable > 0) {
            throw new StartRefusedException(undecryptable + " stored pool key(s) cannot be decrypted with the configured "
                    + PoolKeyCipher.VARIABLE + " (the " + settings.storage().dataDir().resolve(PoolKeyCipher.FILE_NAME)
                    + " file or the variable): restore the " + PoolKeyCipher.FILE_NAME + " the keys were added with "
                    + "into the data folder, or set " + PoolKeyCipher.VARIABLE + " to that key");
        }
    }
}
