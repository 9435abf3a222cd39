package dev.orders.edge.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;

/**
 * A deadline for a whole SMTP send. Jakarta Mail's timeouts bound each connect, read and write, so a server that
 * answers a byte at a time could hold a sender for ever; this factory makes the session's sockets and, when a send
 * runs past the deadline, closes those of that send, which ends it with an error.
 */
final class SendDeadline extends SocketFactory {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("smtp-deadlines").daemon().factory());

    /** The sockets of the send running on this thread (Transport.send runs on its caller's thread). */
    private final ThreadLocal<Send> current = new ThreadLocal<>();

    private final Duration total;

    SendDeadline(Duration total) {
        this.total = total;
    }

    @FunctionalInterface
    interface MailAction {
        void run() throws jakarta.mail.MessagingException;
    }

    /** Runs {@code action}; true when it completed, false when the deadline cut it short. */
    boolean run(MailAction action) throws jakarta.mail.MessagingException {
        Send send = new Send();
        current.set(send);
        ScheduledFuture<?> timer = TIMER.schedule(send::expire, total.toMillis(), TimeUnit.MILLISECONDS);
        try {
            action.run();
            return !send.expired.get();
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            if (send.expired.get()) {
                return false;
            }
            throw e;
        } finally {
            timer.cancel(false);
            current.remove();
        }
    }

    Duration total() {
        return total;
    }

    private static final class Send {
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicBoolean expired = new AtomicBoolean();

        void expire() {
            expired.set(true);
            sockets.forEach(Send::closeQuietly);
        }

        Socket track(Socket socket) {
            sockets.add(socket);
            if (expired.get()) {
                closeQuietly(socket);
            }
            return socket;
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing to end the send; nothing else to do
            }
        }
    }

    private Socket track(Socket socket) {
        Send send = current.get();
        return send == null ? socket : send.track(socket);
    }

    @Override
    public Socket createSocket() {
        return track(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connect(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connect(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connect(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }
}
