package dev.orders.infra.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP relay between one application under test and a real server, so a test can cut that application off (as if
 * the server had died) without disturbing anybody else who uses the server. While cut, new connections are refused.
 * It can also stall: keep the connections open but pass no bytes, as a server that stopped reading its sockets
 * (RabbitMQ blocking publishers during a memory alarm) looks to the application.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean closed;
    private volatile CountDownLatch forwarding = new CountDownLatch(0);

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        resume();
    }

    public int port() {
        return port;
    }

    /** Accept connections again. */
    public synchronized void resume() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            server = s;
            Thread.ofPlatform().daemon().name("tcp-proxy-" + port).start(() -> accept(s));
        } catch (IOException e) {
            throw new AssertionError("cannot listen on " + port, e);
        }
    }

    /** Keep every connection but pass no more bytes either way, until {@link #unstall()}. */
    public void stall() {
        if (forwarding.getCount() == 0) {
            forwarding = new CountDownLatch(1);
        }
    }

    public void unstall() {
        forwarding.countDown();
    }

    /** Drop every connection and refuse new ones. */
    public synchronized void cut() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (s.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while (awaitForwarding() && (n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // a side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private boolean awaitForwarding() {
        try {
            forwarding.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        unstall();
        cut();
    }

    public boolean isClosed() {
        return closed;
    }
}
