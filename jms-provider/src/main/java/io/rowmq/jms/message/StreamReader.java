package io.rowmq.jms.message;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.util.List;

/**
 * The read position of a {@link RowMQStreamMessage}: the current field, and how far a byte[]
 * field has been read by {@link #readBytes(byte[])} (Jakarta Messaging StreamMessage.readBytes).
 * A caller converts {@link #peek()} and calls {@link #advance()} only on success, so a failed
 * read leaves the position where it was.
 */
final class StreamReader {
    private final List<Object> values;
    private final RowMQMessage owner;
    private int index;
    /** Bytes of the current byte[] field already returned by readBytes; -1 when none. */
    private int bytesRead = -1;

    StreamReader(List<Object> values, RowMQMessage owner) {
        this.values = values;
        this.owner = owner;
    }

    int position() {
        return index;
    }

    /** The current field, for a read other than readBytes. */
    Object peek() throws MessageEOFException, MessageFormatException {
        if (bytesRead >= 0) {
            throw new MessageFormatException(owner.describe() + ": stream field " + index
                    + " is a byte[] partly read by readBytes; read it to its end before reading the next field");
        }
        requireField();
        return values.get(index);
    }

    void advance() {
        index++;
        bytesRead = -1;
    }

    int readBytes(byte[] buffer) throws MessageEOFException, MessageFormatException {
        requireField();
        Object value = values.get(index);
        if (value == null) {
            advance();
            return -1;
        }
        if (!(value instanceof byte[] bytes)) {
            throw new MessageFormatException("Stream field " + index + " holds a " + TypeConversions.typeName(value)
                    + ", which cannot be read as byte[] (conversion table of Jakarta Messaging 3.11.3)");
        }
        int offset = Math.max(bytesRead, 0);
        int remaining = bytes.length - offset;
        if (remaining == 0 && bytesRead >= 0) {
            advance();
            return -1;
        }
        int count = Math.min(buffer.length, remaining);
        System.arraycopy(bytes, offset, buffer, 0, count);
        if (count < buffer.length) {
            advance();
        } else {
            bytesRead = offset + count;
        }
        return count;
    }

    private void requireField() throws MessageEOFException {
        if (index >= values.size()) {
            throw new MessageEOFException(owner.describe() + ": end of the stream reached after " + values.size()
                    + " fields");
        }
    }
}
