package io.rowmq.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** A producer's defaults: delivery mode, priority, time to live, delivery delay and the two hints. */
final class ProducerSettings {
    volatile int deliveryMode = DeliveryMode.PERSISTENT;
    volatile int priority = Message.DEFAULT_PRIORITY;
    volatile long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    volatile long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    volatile boolean disableMessageId;
    volatile boolean disableTimestamp;

    static int checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("Invalid delivery mode " + mode + " (expected DeliveryMode.PERSISTENT="
                    + DeliveryMode.PERSISTENT + " or NON_PERSISTENT=" + DeliveryMode.NON_PERSISTENT + ")");
        }
        return mode;
    }

    static int checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("Invalid priority " + priority + " (expected 0..9)");
        }
        return priority;
    }
}
