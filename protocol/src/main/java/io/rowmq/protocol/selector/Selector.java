package io.rowmq.protocol.selector;

import io.rowmq.protocol.MessageRecord;
import io.rowmq.protocol.RecordView;

import java.util.Objects;

/**
 * A parsed Jakarta Messaging message selector (specification section 3.8.1). Immutable and
 * thread-safe: parse once, evaluate against any number of messages from any thread. A message
 * is selected only when the selector is TRUE for it; FALSE and UNKNOWN (a NULL somewhere, values
 * of different types compared, a division by zero) both reject it.
 *
 * <p>"No selector" (a null or blank text) is not a selector: callers check for it before
 * parsing, and {@link #parse} rejects it.
 */
public final class Selector {
    private final String text;
    private final Expression root;
    private final boolean referencesProperties;

    private Selector(String text, Expression root, boolean referencesProperties) {
        this.text = text;
        this.root = root;
        this.referencesProperties = referencesProperties;
    }

    /**
     * Parses a selector of at most {@value SelectorParser#MAX_LENGTH} characters.
     *
     * @throws SelectorSyntaxException when the text is empty or not a valid selector; its
     *                                 message says what is wrong and at which character
     */
    public static Selector parse(String text) {
        SelectorParser.Result parsed = SelectorParser.parse(text);
        return new Selector(text, parsed.root(), parsed.referencesProperties());
    }

    /** True when the selector evaluates to TRUE for the message. */
    public boolean matches(SelectorContext message) {
        return Boolean.TRUE.equals(root.evaluate(Objects.requireNonNull(message, "message")));
    }

    public boolean matches(MessageRecord record) {
        return matches(RecordContext.of(record));
    }

    public boolean matches(RecordView view) {
        return matches(RecordContext.of(view));
    }

    /**
     * Evaluates against an encoded {@link MessageRecord}, decoding only what the selector needs:
     * the fixed fields, and the properties only when the selector names one. The body is never
     * read.
     *
     * @throws io.netty.handler.codec.CorruptedFrameException when the record does not decode
     */
    public boolean matchesEncoded(byte[] record) {
        RecordView view = referencesProperties ? MessageRecord.readSelectorView(record)
                : RecordView.headerOnly(MessageRecord.readHeader(record));
        return matches(view);
    }

    /** The selector as it was given. */
    public String text() {
        return text;
    }

    /**
     * True when the selector names a property (anything but the six header fields), so a
     * message's properties must be decoded to evaluate it.
     */
    public boolean referencesProperties() {
        return referencesProperties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "Selector[" + text + "]";
    }
}
