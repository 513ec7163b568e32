package io.rowmq.jms;

import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.MessageRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledgements of an AUTO_ACKNOWLEDGE or DUPS_OK session not sent yet: they go as one
 * ACK per consumer when {@value #BATCH} have gathered, or as soon as the session has nothing to
 * hand out (before a receive waits, when the listener thread idles, at close). A message is thus
 * acknowledged after the application got it, as the spec asks, at one request per batch rather
 * than per message; a crash can redeliver at most the batch, flagged redelivered.
 */
final class AutoAcks {
    static final int BATCH = 64;

    private final Map<Long, List<MessageRef>> pending = new LinkedHashMap<>();
    private int count;

    /** Adds one; true when the batch is full and should be sent. */
    synchronized boolean add(long consumerId, Delivery delivery) {
        pending.computeIfAbsent(consumerId, id -> new ArrayList<>()).add(delivery.ref());
        return ++count >= BATCH;
    }

    synchronized Map<Long, List<MessageRef>> takeAll() {
        if (count == 0) {
            return Map.of();
        }
        Map<Long, List<MessageRef>> taken = new LinkedHashMap<>(pending);
        pending.clear();
        count = 0;
        return taken;
    }
}
