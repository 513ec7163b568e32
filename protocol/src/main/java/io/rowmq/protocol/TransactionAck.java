package io.rowmq.protocol;

import java.util.List;

/** Messages a transaction acknowledges: delivered to consumer {@code consumerId} and not settled yet. */
public record TransactionAck(long consumerId, List<MessageRef> refs) {

    public TransactionAck {
        refs = List.copyOf(refs);
    }
}
