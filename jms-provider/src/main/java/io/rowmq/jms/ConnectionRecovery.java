package io.rowmq.jms;

import io.rowmq.jms.provider.Transport;
import jakarta.jms.JMSException;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-establishes a lost broker connection when the URL allows it: {@code reconnectAttempts}
 * (default 10 with several brokers in the URL, else 0) tries over the list, {@code reconnectDelayMs}
 * (default 1000) apart. Meanwhile receives wait and sends wait to be sent again (with the same
 * producer sequence, so nothing is stored twice); when every attempt fails the connection fails
 * and its ExceptionListener is told why.
 */
final class ConnectionRecovery {
    private static final Logger LOG = Logger.getLogger(ConnectionRecovery.class.getName());

    private final RowMQConnection connection;
    private final BrokerUrl url;
    private final int attempts;
    private final int delayMs;
    private boolean running;
    private boolean cancelled;

    private ConnectionRecovery(RowMQConnection connection, BrokerUrl url, int attempts, int delayMs) {
        this.connection = connection;
        this.url = url;
        this.attempts = attempts;
        this.delayMs = delayMs;
    }

    /** The recovery the URL asks for, or null when a lost connection simply fails. */
    static ConnectionRecovery forUrl(RowMQConnection connection, BrokerUrl url) {
        int attempts = url.intOption("reconnectAttempts", url.addresses().size() > 1 ? 10 : 0, 0);
        return attempts == 0 ? null
                : new ConnectionRecovery(connection, url, attempts, url.intOption("reconnectDelayMs", 1000, 0));
    }

    /** Starts recovering after a loss; false when recovery is not possible (cancelled). */
    synchronized boolean begin(String reason) {
        if (cancelled || running) {
            return !cancelled;
        }
        running = true;
        LOG.warning("Connection to the RowMQ broker was lost (" + reason + "); reconnecting to " + url + " ("
                + attempts + " attempts, " + delayMs + " ms apart)");
        Thread thread = new Thread(() -> run(reason), "rowmq-reconnect");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void run(String reason) {
        JMSException last = null;
        for (int attempt = 1; attempt <= attempts && !isCancelled(); attempt++) {
            try {
                Thread.sleep(delayMs);
                Transport fresh = RowMQConnection.connectAny(url, connection.reconnectOptions());
                connection.recovered(fresh);
                LOG.info("Reconnected to the RowMQ broker after " + attempt + " attempt(s): " + fresh);
                finish();
                return;
            } catch (JMSException e) {
                last = e;
                LOG.log(Level.FINE, "Reconnect attempt " + attempt + " of " + attempts + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        finish();
        connection.failed(reason + "; reconnecting failed after " + attempts + " attempts"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }

    private synchronized void finish() {
        running = false;
        notifyAll();
    }

    synchronized boolean inProgress() {
        return running;
    }

    /** Waits until a recovery in progress ends; true when none is running any more. */
    synchronized boolean await() {
        while (running && !cancelled) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !cancelled;
    }

    /** The connection is being closed: stop trying. */
    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }
}
