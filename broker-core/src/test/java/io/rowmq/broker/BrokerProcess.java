package io.rowmq.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A broker running as a separate JVM ({@code java -cp <test classpath> BrokerMain ...}), as
 * an operator would run it: started, waited for until it prints its ready line, and killed
 * or stopped. Its log goes to a file under {@code target/}.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();

    private BrokerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "broker-process-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code BrokerMain} with {@code args} and waits up to 90 s for its ready line. */
    public static BrokerProcess start(String logName, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", testClassPath(), BrokerMain.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createDirectories(Path.of("target", "broker-logs")).resolve(logName + ".log");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BrokerProcess broker = new BrokerProcess(process, log);
        broker.awaitReadyLine();
        return broker;
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void awaitReadyLine() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("RowMQ broker ")) {
                return;
            }
            if (line == null && !process.isAlive()) {
                throw new IllegalStateException("The broker process exited with code " + process.exitValue()
                        + " before it was ready; its log: " + tail());
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The broker process printed no ready line within 90 s; its log: " + tail());
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                stdout.add(line);
            }
        } catch (IOException e) {
            stdout.add("(stdout read failed: " + e + ")");
        }
    }

    /** The last lines of the process's log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + System.lineSeparator()
                    + String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return log + " (unreadable: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The broker process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, and the exit code once the shutdown hook has run. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The broker did not stop within 60 s of SIGTERM; its log: " + tail());
        }
        return process.exitValue();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
