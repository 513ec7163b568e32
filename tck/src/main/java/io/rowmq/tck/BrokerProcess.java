package io.rowmq.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the broker as a child process, waits for its ready line, and stops it again through
 * the process id it wrote down. Only a process whose command line names the broker jar is ever
 * stopped.
 */
final class BrokerProcess {

    private static final String READY_PREFIX = "RowMQ broker ";
    private static final String READY_MARK = " listening on ";
    private static final String UNKNOWN_USER_OPTION = "Unknown option --user";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 30;

    private enum Outcome { READY, NO_USER_OPTION }

    private BrokerProcess() {
    }

    /**
     * Starts a broker on an emptied data folder and returns once it accepts connections. A broker
     * that exits or is not ready in time is tried again, up to {@code attempts} times in all: on
     * a loaded machine its embedded MariaDB can miss its own start-up deadline.
     *
     * @throws IllegalStateException if the jar is missing, or the last attempt failed (the message
     *         carries the broker's error line and the end of its log)
     */
    static void start(BrokerCommand command, Path log, Path pidFile, Duration startTimeout, int attempts)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(command.jar())) {
            throw new IllegalStateException("Broker jar " + command.jar() + " does not exist. Build it in the same"
                    + " reactor: ./mvnw -B -Ptck verify -pl tck -am -DskipTests");
        }
        stop(pidFile, STOP_TIMEOUT);
        Files.createDirectories(log.getParent());
        long startNanos = System.nanoTime();
        boolean withUsers = !command.users().isEmpty();
        int attempt = 1;
        while (true) {
            deleteRecursively(command.dataDir());
            try {
                Outcome outcome = launchAndAwait(command.toList(withUsers), log, pidFile, startTimeout);
                if (outcome == Outcome.READY) {
                    break;
                }
                say("WARNING: this broker jar has no --user option yet; starting it without the TCK's users "
                        + command.users().stream().map(u -> u.replaceFirst(":.*", "")).toList()
                        + ". The TCK's security tests will fail until the broker has it.");
                withUsers = false;
            } catch (IllegalStateException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                say("RowMQ broker did not start (attempt " + attempt + " of " + attempts + "): "
                        + e.getMessage().lines().findFirst().orElse("") + " Trying again on an emptied data folder.");
                attempt++;
            }
        }
        say("RowMQ broker ready in " + Duration.ofNanos(System.nanoTime() - startNanos).toMillis()
                + " ms on 127.0.0.1:" + command.port() + " (log " + log + ")");
    }

    /**
     * Stops the broker named in the pid file, if it is still running: SIGTERM, then a forced
     * stop after the timeout, then any process it left behind (its MariaDB). Deletes the file.
     */
    static void stop(Path pidFile, Duration timeout) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile, StandardCharsets.UTF_8).trim();
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Pid file " + pidFile + " holds '" + text + "', not a process id;"
                    + " stop the broker by hand and delete the file", e);
        }
        Optional<ProcessHandle> broker = ProcessHandle.of(pid).filter(BrokerProcess::isRowMQBroker);
        if (broker.isPresent()) {
            long stopNanos = System.nanoTime();
            terminate(broker.get(), timeout);
            say("RowMQ broker (pid " + pid + ") stopped in "
                    + Duration.ofNanos(System.nanoTime() - stopNanos).toMillis() + " ms");
        } else {
            say("RowMQ broker (pid " + pid + ") from " + pidFile + " is no longer running");
        }
        Files.delete(pidFile);
    }

    private static Outcome launchAndAwait(List<String> command, Path log, Path pidFile, Duration timeout)
            throws IOException, InterruptedException {
        say("Starting RowMQ broker: " + BrokerCommand.describe(command));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ProcessHandle broker = process.toHandle();
        Files.writeString(pidFile, Long.toString(broker.pid()), StandardCharsets.UTF_8);
        // In the root thread group: exec:java destroys the group of the thread that ran main,
        // and a hook thread of a destroyed group could not start when Maven exits.
        Runtime.getRuntime().addShutdownHook(
                new Thread(rootThreadGroup(), () -> stopAtExit(broker, pidFile), "rowmq-tck-broker-stop"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = read(log);
            if (isReady(output)) {
                return Outcome.READY;
            }
            if (!process.isAlive()) {
                Files.deleteIfExists(pidFile);
                if (output.contains(UNKNOWN_USER_OPTION) && command.contains("--user")) {
                    return Outcome.NO_USER_OPTION;
                }
                throw new IllegalStateException("RowMQ broker exited with code " + process.exitValue()
                        + " before it was ready (" + errorLine(output) + "). Last lines of " + log + ":\n"
                        + tail(output));
            }
            Thread.sleep(200);
        }
        terminate(broker, STOP_TIMEOUT);
        Files.deleteIfExists(pidFile);
        throw new IllegalStateException("RowMQ broker printed no ready line within " + timeout.toSeconds()
                + " s, so it was stopped. Last lines of " + log + ":\n" + tail(read(log)));
    }

    private static boolean isReady(String output) {
        return output.lines().anyMatch(line -> line.startsWith(READY_PREFIX) && line.contains(READY_MARK));
    }

    private static boolean isRowMQBroker(ProcessHandle process) {
        return process.isAlive()
                && process.info().commandLine().map(line -> line.contains("rowmq-broker")).orElse(false);
    }

    private static void terminate(ProcessHandle broker, Duration timeout) throws InterruptedException {
        List<ProcessHandle> children = broker.descendants().toList();
        broker.destroy();
        if (!awaitExit(broker, timeout)) {
            say("RowMQ broker (pid " + broker.pid() + ") did not stop within " + timeout.toSeconds()
                    + " s of SIGTERM; killing it");
            broker.destroyForcibly();
            awaitExit(broker, Duration.ofSeconds(10));
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                say("Stopping process " + child.pid() + " the broker left behind: "
                        + child.info().commandLine().orElse("?"));
                child.destroy();
                if (!awaitExit(child, Duration.ofSeconds(20))) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for process " + process.pid() + " to exit failed", e);
        }
    }

    /** Maven is exiting (Ctrl-C, or a failure before post-integration-test): do not leave the broker running. */
    private static void stopAtExit(ProcessHandle broker, Path pidFile) {
        if (!broker.isAlive()) {
            return;
        }
        try {
            say("Maven is exiting with the RowMQ broker (pid " + broker.pid() + ") still running; stopping it");
            terminate(broker, Duration.ofSeconds(30));
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException | IOException | RuntimeException e) {
            System.err.println("[rowmq-tck] Could not stop RowMQ broker pid " + broker.pid() + ": " + e);
        }
    }

    private static ThreadGroup rootThreadGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    /** The broker's one-line reason for not starting, which it prints last on standard error. */
    private static String errorLine(String output) {
        String line = output.lines().filter(l -> l.startsWith("rowmq: ")).reduce((a, b) -> b).orElse("no error line");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void say(String message) {
        System.out.println("[rowmq-tck] " + message);
    }
}
