package io.rowmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The read side of a {@link RowMQBytesMessage}: a position over the body bytes. A read that
 * does not find enough bytes throws {@link MessageEOFException} and leaves the position where
 * it was.
 */
final class BytesReader {
    private final byte[] bytes;
    private final RowMQMessage owner;
    private int position;

    BytesReader(byte[] bytes, RowMQMessage owner) {
        this.bytes = bytes;
        this.owner = owner;
    }

    /** The whole body; shared, do not modify. */
    byte[] bytes() {
        return bytes;
    }

    byte readByte() throws MessageEOFException {
        require(1);
        return bytes[position++];
    }

    /** Reads {@code size} bytes as a big-endian signed number. */
    long readBigEndian(int size) throws MessageEOFException {
        require(size);
        long value = bytes[position];
        for (int i = 1; i < size; i++) {
            value = (value << 8) | (bytes[position + i] & 0xFF);
        }
        position += size;
        return value;
    }

    String readUTF() throws JMSException {
        require(2);
        int length = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        require(2 + length);
        try {
            String value = new DataInputStream(new ByteArrayInputStream(bytes, position, 2 + length)).readUTF();
            position += 2 + length;
            return value;
        } catch (IOException e) {
            throw MessageRecords.withCause(new MessageFormatException(owner.describe()
                    + ": the bytes at position " + position + " are not a string in modified UTF-8: " + e.getMessage()), e);
        }
    }

    int readBytes(byte[] value, int length) {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("readBytes length " + length + " is outside 0.." + value.length
                    + " (the size of the buffer)");
        }
        int remaining = bytes.length - position;
        if (remaining == 0) {
            return -1;
        }
        int count = Math.min(length, remaining);
        System.arraycopy(bytes, position, value, 0, count);
        position += count;
        return count;
    }

    private void require(int count) throws MessageEOFException {
        if (bytes.length - position < count) {
            throw new MessageEOFException(owner.describe() + ": end of the body reached: " + count
                    + " bytes needed at position " + position + " of " + bytes.length);
        }
    }
}
