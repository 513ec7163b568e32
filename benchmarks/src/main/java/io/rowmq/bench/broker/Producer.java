package io.rowmq.bench.broker;

import io.rowmq.bench.TimedLoad;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.ProduceResult;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One closed-loop producer on its own connection: sends a batch in one PRODUCE, waits for the
 * confirmation (sent by the broker after the commit), sends the next. Idempotent: its own
 * producer id, the sequence advancing by the batch size.
 */
final class Producer implements TimedLoad.Worker, AutoCloseable {
    private static final long CONFIRM_TIMEOUT_S = 60;

    private final RowMQClient client;
    private final String topic;
    private final int queueIndex;
    private final long producerId;
    private final int batch;
    private final Records records;
    private long sequence;

    Producer(RowMQClient client, String topic, int queueIndex, long producerId, int batch) {
        this.client = client;
        this.topic = topic;
        this.queueIndex = queueIndex;
        this.producerId = producerId;
        this.batch = batch;
        this.records = new Records(topic, producerId);
    }

    @Override
    public int runOnce() throws Exception {
        List<byte[]> batchRecords = records.batch(batch);
        ProduceResult result = client.produce(topic, queueIndex, producerId, sequence, batchRecords)
                .get(CONFIRM_TIMEOUT_S, TimeUnit.SECONDS);
        if (result.duplicate() || result.offsets().length != batch) {
            throw new IllegalStateException("Producer " + producerId + " on '" + topic + "': batch at sequence "
                    + sequence + " came back " + (result.duplicate() ? "as a duplicate" : "with "
                    + result.offsets().length + " offsets instead of " + batch));
        }
        sequence += batch;
        return batch;
    }

    @Override
    public void close() {
        client.close();
    }
}
