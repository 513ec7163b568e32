package io.rowmq.broker.dispatch;

import io.rowmq.broker.store.QueueRef;
import io.rowmq.broker.store.StoredMessage;
import io.rowmq.protocol.selector.Selector;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates a selector against a stored message, decoding only its header and, when the
 * selector names one, its properties; never its body. A record whose properties do not decode
 * matches no selector: it is logged, and a consumer without a selector still receives it.
 */
final class SelectorCheck {
    private static final Logger LOG = Logger.getLogger(SelectorCheck.class.getName());

    private SelectorCheck() {
    }

    static boolean matches(Selector selector, StoredMessage message, QueueRef queue, String group) {
        try {
            return selector.matchesEncoded(message.payload());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> group + ": the message at queue " + queue.index() + " offset "
                    + message.offset() + " of table " + queue.tableName() + " cannot be decoded to evaluate the"
                    + " selector [" + selector.text() + "], so it does not match: " + e.getMessage());
            return false;
        }
    }
}
