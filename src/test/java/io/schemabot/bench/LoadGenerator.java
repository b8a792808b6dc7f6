package io.schemabot.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A closed-loop HTTP/1.1 load generator on one thread: N keep-alive connections, each sending its next
 * pre-built request as soon as the previous answer is read. One thread and no per-request allocation to speak
 * of, so that on a 2-core machine the latencies measured are the server's rather than the client's scheduling.
 */
final class LoadGenerator implements AutoCloseable {
    /** Latencies of one run: on connections already used, and the first request of each new connection. */
    record Result(List<Long> steady, List<Long> firstOnNew) {
    }

    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();

    LoadGenerator(int port, int concurrency) throws IOException {
        selector = Selector.open();
        for (int i = 0; i < concurrency; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            Connection c = new Connection(channel);
            c.key = channel.register(selector, 0, c);
            connections.add(c);
        }
    }

    /** Sends every request once, spread over the connections; fails on any status other than 200. */
    Result run(List<byte[]> requests) throws IOException {
        List<Long> steady = new ArrayList<>(requests.size());
        List<Long> firstOnNew = new ArrayList<>();
        int next = 0;
        int done = 0;
        for (Connection c : connections) {
            if (next < requests.size()) {
                c.send(requests.get(next++));
            }
        }
        while (done < requests.size()) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                Connection c = (Connection) key.attachment();
                if (key.isWritable()) {
                    c.flush();
                }
                if (key.isReadable() && c.receive()) {
                    long latency = System.nanoTime() - c.sentAt;
                    (c.answered++ == 0 ? firstOnNew : steady).add(latency);
                    done++;
                    if (next < requests.size()) {
                        c.send(requests.get(next++));
                    } else {
                        c.key.interestOps(0);
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        return new Result(steady, firstOnNew);
    }

    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            c.channel.close();
        }
        selector.close();
    }

    private static final class Connection {
        final SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long sentAt;
        int answered;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte[] request) throws IOException {
            out = ByteBuffer.wrap(request);
            sentAt = System.nanoTime();
            flush();
        }

        void flush() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        }

        /** Reads what arrived; true once a whole response (headers and Content-Length body) is in. */
        boolean receive() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed a connection");
            }
            String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int headersEnd = text.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                return false;
            }
            int length = 0;
            for (String line : text.substring(0, headersEnd).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            int total = headersEnd + 4 + length;
            if (in.position() < total) {
                return false;
            }
            String status = text.substring(9, 12);
            if (!status.equals("200")) {
                throw new IllegalStateException("HTTP " + status + ": " + text.substring(0, Math.min(200, text.length())));
            }
            // keep whatever followed the response (nothing, as requests are not pipelined)
            in.flip().position(total);
            in.compact();
            return true;
        }
    }
}
