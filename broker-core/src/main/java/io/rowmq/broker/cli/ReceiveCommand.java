package io.rowmq.broker.cli;

import io.rowmq.broker.CommandLine;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.MessageRef;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code receive TOPIC --group G [--count N] [--timeout-ms T] [--print]}: consumes from the
 * QUEUE group G, acknowledging each fetched batch, until N messages arrived or none arrived
 * for T ms. Without {@code --count} it takes whatever comes until the topic is quiet.
 */
record ReceiveCommand(String topic, String group, int count, int timeoutMs, boolean print) implements CliCommand {
    static final int DEFAULT_TIMEOUT_MS = 5_000;
    private static final int MAX_FETCH = 500;

    static ReceiveCommand from(CommandLine cl) {
        String topic = Cli.topicArgument(cl, "receive");
        String group = cl.string("group", null);
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("receive needs --group NAME (the consumer group to read with)");
        }
        int count = cl.intValue("count", Integer.MAX_VALUE);
        int timeoutMs = cl.intValue("timeout-ms", DEFAULT_TIMEOUT_MS);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, was " + count);
        }
        if (timeoutMs < 0 || timeoutMs > 3_600_000) {
            throw new IllegalArgumentException("--timeout-ms must be 0..3600000, was " + timeoutMs);
        }
        return new ReceiveCommand(topic, group, count, timeoutMs, cl.has("print"));
    }

    @Override
    public int run(RowMQClient client, PrintStream out) {
        long consumerId = Replies.await(client.subscribe(topic, group, GroupKind.QUEUE, null, false),
                "subscribe to topic '" + topic + "' as group '" + group + "'");
        int received = 0;
        try {
            while (received < count) {
                List<Delivery> batch = Replies.await(client.fetch(consumerId, Math.min(MAX_FETCH, count - received),
                        timeoutMs), "fetch from topic '" + topic + "'");
                if (batch.isEmpty()) {
                    break;
                }
                if (print) {
                    batch.forEach(delivery -> out.println(describe(delivery)));
                }
                List<MessageRef> refs = batch.stream().map(Delivery::ref).toList();
                Replies.await(client.ack(consumerId, refs), "acknowledge " + refs.size() + " messages");
                received += batch.size();
            }
        } finally {
            out.println("Received and acknowledged " + received + " messages from " + topic + " (group " + group + ")");
            client.closeConsumer(consumerId);
        }
        if (count != Integer.MAX_VALUE && received < count) {
            throw new CliFailure("Only " + received + " of " + count + " messages arrived; none came for "
                    + timeoutMs + " ms (raise --timeout-ms to wait longer)", null);
        }
        return 0;
    }

    private static String describe(Delivery delivery) {
        MessageRecord record = MessageRecord.decode(delivery.record());
        int bytes = record.body() == null ? 0 : record.body().length;
        return "queue " + delivery.queueIndex() + " offset " + delivery.offset() + "  " + record.messageId() + "  "
                + bytes + " bytes" + (delivery.redelivered() ? "  redelivered (delivery " + delivery.deliveryCount()
                + ")" : "");
    }
}
