package dev.chillproxy.server.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Plain sockets that check the real address just before the TCP connect, for every connection OkHttp opens:
 * each redirect hop, each address of a host, every IP spelling OkHttp accepts ({@code 2130706433}, {@code 127.1},
 * {@code [::ffff:127.0.0.1]}) and every name, whatever DNS answers. Refusal is an {@link IOException}, so callers
 * treat it like an unreachable host. TLS is layered on top of these sockets, so HTTPS is covered too.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final OperatorEndpoints operator;

    GuardedSocketFactory(OperatorEndpoints operator) {
        this.operator = operator;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(SocketAddress endpoint, SocketAddress... local) throws IOException {
        Socket socket = new GuardedSocket();
        try {
            if (local.length > 0) {
                socket.bind(local[0]);
            }
            socket.connect(endpoint);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Refused before any packet leaves: the address is local and not one of the operator's host:port pairs. */
    static final class RefusedAddressException extends ConnectException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    private final class GuardedSocket extends Socket {

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            check(endpoint);
            super.connect(endpoint, timeout);
        }
    }

    void check(SocketAddress endpoint) throws RefusedAddressException {
        if (!(endpoint instanceof InetSocketAddress inet) || inet.isUnresolved()) {
            // OkHttp resolves before connecting; an unresolved address would be resolved by the OS behind our back
            throw new RefusedAddressException("refused: unresolved address");
        }
        if (BlockedAddresses.isBlocked(inet.getAddress()) && !operator.exempts(inet)) {
            // host and port only: the URL, with its query and any apikey, never reaches this message
            throw new RefusedAddressException("refused: " + inet.getHostString() + ":" + inet.getPort()
                    + " is a local address (only the operator's configured host:port pairs may be)");
        }
    }
}
