package org.p2pvps.sshgateway.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A device-side service on a free loopback port: each connection is served on its own thread, then closed. */
final class LoopbackService implements AutoCloseable {

    /** What the service does with one connection; an {@link IOException} means its peer went away. */
    interface Conversation {
        void serve(Socket connection) throws IOException;
    }

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(OpenSsh.LOOPBACK));
    private final Conversation conversation;
    private final Thread acceptor;

    LoopbackService(String name, Conversation conversation) throws IOException {
        this.conversation = conversation;
        acceptor = new Thread(this::accept, name);
        acceptor.start();
    }

    /** A service that sends back whatever each connection sends it. */
    static LoopbackService echo() throws IOException {
        return new LoopbackService("echo",
                connection -> connection.getInputStream().transferTo(connection.getOutputStream()));
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                new Thread(() -> serve(connection), acceptor.getName() + "-connection").start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            conversation.serve(connection);
        } catch (IOException e) {
            // the peer went away (or only probed the port): nobody left to serve
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
    }
}
