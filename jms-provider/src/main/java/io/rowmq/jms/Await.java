package io.rowmq.jms;

import jakarta.jms.JMSException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a transport future, turning its failure into the JMS exception the spec names. */
final class Await {

    private Await() {
    }

    /** The future's value; the transport's own request timeout bounds the wait. */
    static <T> T result(String what, CompletableFuture<T> future) throws JMSException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JmsErrors.toJms(what, e);
        } catch (ExecutionException e) {
            throw JmsErrors.toJms(what, e.getCause());
        }
    }
}
