package com.gstcomms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Every server binds to 127.0.0.1 only: nothing here is reachable from another machine. */
final class Loopback {

    static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port that was free a moment ago. Only for servers that must be told their port up front (a
     * separate process, or one that puts the port in URLs it hands out); callers retry on a clash.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, address())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
