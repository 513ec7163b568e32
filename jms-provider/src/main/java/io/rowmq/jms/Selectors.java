package io.rowmq.jms;

import io.rowmq.protocol.selector.Selector;
import io.rowmq.protocol.selector.SelectorSyntaxException;
import jakarta.jms.InvalidSelectorException;

/**
 * Message selectors on the client: checked when a consumer is created, so a bad one fails at
 * {@code createConsumer} with InvalidSelectorException even before the broker sees it, and
 * evaluated for queue browsers. Consumers' selectors are evaluated by the broker.
 */
final class Selectors {

    private Selectors() {
    }

    /** The selector to send to the broker: null for none (null or blank); validated. */
    static String normalize(String selector) throws InvalidSelectorException {
        Selector parsed = parse(selector);
        return parsed == null ? null : selector;
    }

    /** The parsed selector, or null for none. */
    static Selector parse(String selector) throws InvalidSelectorException {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        try {
            return Selector.parse(selector);
        } catch (SelectorSyntaxException e) {
            InvalidSelectorException invalid = new InvalidSelectorException("Invalid message selector '" + selector
                    + "': " + e.getMessage(), "INVALID_SELECTOR");
            invalid.initCause(e);
            throw invalid;
        }
    }
}
