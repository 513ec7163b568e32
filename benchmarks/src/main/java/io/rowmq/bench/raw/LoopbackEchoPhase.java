package io.rowmq.bench.raw;

import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Raw (net): the floor of one more network hop, measured in the same run. A message of the
 * size of a 1 KiB produce request goes over loopback TCP to a plain blocking echo thread and
 * back, with nothing of RowMQ or Netty in between. A broker between producer and database adds
 * at least this to every synchronous send, so {@code raw-a latency / (raw-a latency + this)}
 * is the highest share of raw-a any brokered synchronous producer can reach (docs/decisions.md D12).
 */
public final class LoopbackEchoPhase {
    public static final String ID = "raw-net";
    private static final int MESSAGE_BYTES = 1100;

    public Result run(Duration warmup, Duration measure) throws Exception {
        try (Echo echo = Echo.open()) {
            TimedLoad.Measurement m = TimedLoad.run(ID, List.of(echo), warmup, measure);
            return new Result(ID, "raw loopback TCP echo", "1 thread, " + MESSAGE_BYTES
                    + " B there and back, blocking sockets; latency per round trip", m.rate(), "round trips/s",
                    m.latency(), null);
        }
    }

    /** One loopback connection to its own echo thread; each {@link #runOnce()} is one round trip. */
    public static final class Echo implements TimedLoad.Worker, AutoCloseable {
        private final ServerSocket server;
        private final Socket client;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] message = MessageRows.randomPayload(MESSAGE_BYTES);
        private final byte[] back = new byte[MESSAGE_BYTES];

        private Echo(ServerSocket server, Socket client) throws IOException {
            this.server = server;
            this.client = client;
            client.setTcpNoDelay(true);
            this.out = client.getOutputStream();
            this.in = client.getInputStream();
        }

        public static Echo open() throws IOException {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            try {
                Echo echo = new Echo(server, new Socket(server.getInetAddress(), server.getLocalPort()));
                Thread thread = new Thread(() -> echo(server), "raw-net-echo");
                thread.setDaemon(true);
                thread.start();
                return echo;
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        }

        @Override
        public int runOnce() throws IOException {
            out.write(message);
            out.flush();
            readFully(in, back);
            return 1;
        }

        @Override
        public void close() throws IOException {
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    private static void echo(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[MESSAGE_BYTES];
            while (true) {
                readFully(in, buffer);
                out.write(buffer);
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the socket at the end of the phase. A failure mid-phase is not lost:
            // the client's next read then fails with "echo connection closed" and the phase fails.
        }
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int read = 0;
        while (read < into.length) {
            int n = in.read(into, read, into.length - read);
            if (n < 0) {
                throw new IOException("echo connection closed after " + read + " of " + into.length + " bytes");
            }
            read += n;
        }
    }
}
