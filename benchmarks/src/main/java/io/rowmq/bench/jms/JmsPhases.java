package io.rowmq.bench.jms;

import io.rowmq.bench.Latency;
import io.rowmq.bench.Result;
import io.rowmq.bench.TimedLoad;
import io.rowmq.bench.broker.Backlog;
import io.rowmq.bench.broker.BrokerUnderTest;
import io.rowmq.bench.broker.ConsumePhase;
import io.rowmq.bench.broker.LatencyPhase;
import io.rowmq.bench.broker.ProducePhase;
import io.rowmq.bench.raw.RangeReadPhase;
import io.rowmq.jms.RowMQConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * JMS counterparts of the mq-* phases: persistent 1 KiB BytesMessages through
 * {@link RowMQConnectionFactory}, each phase on its own queue. Compare each row with the
 * low-level row named in its target column.
 */
public final class JmsPhases {
    public static final String SYNC = "jms-sync";
    public static final String TX100 = "jms-tx100";
    public static final String ASYNC = "jms-async";
    public static final String CONSUME = "jms-consume";
    public static final String E2E = "jms-e2e";
    /** Asynchronous sends in flight at most. */
    private static final int MAX_OUTSTANDING = 1_000;
    private static final byte[] BODY = new byte[1024 - 150];

    private final BrokerUnderTest broker;
    private final RowMQConnectionFactory factory;

    public JmsPhases(BrokerUnderTest broker) {
        this.broker = broker;
        this.factory = new RowMQConnectionFactory("rowmq://127.0.0.1:" + broker.port() + "?prefetch=1000");
    }

    /** One synchronous send per unit, AUTO session: compare with mq-sync. */
    public Result sync(Duration warmup, Duration measure) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = persistentProducer(session, "bench.jms-sync");
            TimedLoad.Measurement m = TimedLoad.run(SYNC, List.of(() -> {
                producer.send(message(session));
                return 1;
            }), warmup, measure);
            return new Result(SYNC, "JMS send, synchronous", "1 producer, persistent, MessageProducer.send;"
                    + " latency per send", m.rate(), "msg/s", m.latency(),
                    Result.Target.compareWith(ProducePhase.synchronousId(true)));
        }
    }

    /** 100 sends and a commit per unit: compare with mq-p1 (100 records per PRODUCE). */
    public Result transacted(Duration warmup, Duration measure) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = persistentProducer(session, "bench.jms-tx100");
            TimedLoad.Measurement m = TimedLoad.run(TX100, List.of(() -> {
                for (int i = 0; i < 100; i++) {
                    producer.send(message(session));
                }
                session.commit();
                return 100;
            }), warmup, measure);
            return new Result(TX100, "JMS send, transacted", "1 producer, commit every 100; latency per commit",
                    m.rate(), "msg/s", m.latency(), Result.Target.compareWith(ProducePhase.batchedId(1)));
        }
    }

    /** Sends with a CompletionListener, at most 1,000 in flight: compare with mq-p1. */
    public Result async(Duration warmup, Duration measure) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = persistentProducer(session, "bench.jms-async");
            Semaphore inFlight = new Semaphore(MAX_OUTSTANDING);
            CompletionListener done = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    inFlight.release();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    inFlight.release();
                }
            };
            TimedLoad.Measurement m = TimedLoad.run(ASYNC, List.of(() -> {
                inFlight.acquire();
                producer.send(message(session), done);
                return 1;
            }), warmup, measure);
            inFlight.acquire(MAX_OUTSTANDING);
            return new Result(ASYNC, "JMS send, CompletionListener", "1 producer, at most " + MAX_OUTSTANDING
                    + " in flight; latency per send call", m.rate(), "msg/s", m.latency(),
                    Result.Target.compareWith(ProducePhase.batchedId(1)));
        }
    }

    /** A backlog of 50,000 drained by one AUTO_ACKNOWLEDGE consumer: compare with mq-consume. */
    public Result consume() throws Exception {
        String queueName = "bench.jms-consume";
        Backlog.fill(broker, queueName, ProducePhase.QUEUES, RangeReadPhase.ROWS, 100);
        Histogram latency = new Histogram(3);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
            long start = System.nanoTime();
            int received = 0;
            while (received < RangeReadPhase.ROWS) {
                long t0 = System.nanoTime();
                if (consumer.receive(10_000) == null) {
                    throw new IllegalStateException("JMS consumer got nothing for 10 s after " + received + " of "
                            + RangeReadPhase.ROWS + " messages");
                }
                latency.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
                received++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(CONSUME, "JMS consume, AUTO_ACKNOWLEDGE", String.format("1 consumer, backlog %,d,"
                    + " prefetch 1,000, receive(); latency per receive", RangeReadPhase.ROWS), received / seconds,
                    "msg/s", Latency.fromMicros(latency), Result.Target.compareWith(ConsumePhase.ID));
        }
    }

    /**
     * End to end at a fixed rate: each message carries the time it was meant to be sent, and a
     * listener records arrival minus that time (corrected for coordinated omission, as mq-e2e).
     */
    public Result endToEnd(int rate, Duration warmup, Duration measure) throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        try (Connection connection = factory.createConnection()) {
            Session sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session receiving = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = sending.createQueue("bench.jms-e2e");
            MessageProducer producer = persistentProducer(sending, queue.getQueueName());
            long measureFrom = System.nanoTime() + warmup.toNanos();
            receiving.createConsumer(queue).setMessageListener(message -> {
                try {
                    long intended = message.getLongProperty("intendedNanos");
                    if (intended >= measureFrom) {
                        synchronized (latency) {
                            latency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                        }
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
            Semaphore inFlight = new Semaphore(MAX_OUTSTANDING);
            CompletionListener done = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    inFlight.release();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    inFlight.release();
                }
            };
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            long end = measureFrom + measure.toNanos();
            long sent = 0;
            for (long intended = start; intended < end; intended = start + (++sent) * interval) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                BytesMessage message = message(sending);
                message.setLongProperty("intendedNanos", intended);
                inFlight.acquire();
                producer.send(message, done);
            }
            Thread.sleep(2_000);
        }
        synchronized (latency) {
            return new Result(E2E, "JMS end-to-end latency", rate + " msg/s fixed rate, CompletionListener sends to a"
                    + " MessageListener; intended send to receipt", latency.getTotalCount() / (double) measure.toSeconds(),
                    "msg/s", Latency.fromMicros(latency), Result.Target.compareWith(LatencyPhase.E2E_ID));
        }
    }

    private static MessageProducer persistentProducer(Session session, String queue) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        return producer;
    }

    private static BytesMessage message(Session session) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(BODY);
        return message;
    }
}
