package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.nio.charset.StandardCharsets;

/**
 * The primitive encodings of docs/protocol.md: strings and byte arrays with an int32 length
 * ({@code -1} = null), booleans as one byte, and bounds-checked reads that reject a short or
 * malformed body with a {@link CorruptedFrameException} naming the field and the numbers.
 */
public final class WireFormat {

    private WireFormat() {
    }

    public static void writeString(ByteBuf out, String value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int written = out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.setInt(lengthIndex, written);
    }

    public static void writeBytes(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    public static void writeBool(ByteBuf out, boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    public static String readString(ByteBuf in, String field) {
        int length = readLength(in, field);
        if (length < 0) {
            return null;
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** Moves past a string without decoding it. */
    public static void skipString(ByteBuf in, String field) {
        int length = readLength(in, field);
        if (length > 0) {
            in.skipBytes(length);
        }
    }

    public static byte[] readBytes(ByteBuf in, String field) {
        int length = readLength(in, field);
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readBytes(value);
        return value;
    }

    public static boolean readBool(ByteBuf in, String field) {
        int value = readUnsignedByte(in, field);
        if (value > 1) {
            throw new CorruptedFrameException("Field '" + field + "' is a bool but holds " + value + " (expected 0 or 1)");
        }
        return value == 1;
    }

    public static int readUnsignedByte(ByteBuf in, String field) {
        require(in, 1, field);
        return in.readUnsignedByte();
    }

    public static int readUnsignedShort(ByteBuf in, String field) {
        require(in, 2, field);
        return in.readUnsignedShort();
    }

    public static short readShort(ByteBuf in, String field) {
        require(in, 2, field);
        return in.readShort();
    }

    public static int readInt(ByteBuf in, String field) {
        require(in, 4, field);
        return in.readInt();
    }

    public static long readLong(ByteBuf in, String field) {
        require(in, 8, field);
        return in.readLong();
    }

    /**
     * Reads an element count and checks it is not negative and that {@code count × minElementSize}
     * bytes can still follow, so a corrupt count never allocates a huge list.
     */
    public static int readCount(ByteBuf in, String field, int minElementSize) {
        int count = readInt(in, field);
        if (count < 0) {
            throw new CorruptedFrameException("Count '" + field + "' is negative: " + count);
        }
        long needed = (long) count * minElementSize;
        if (needed > in.readableBytes()) {
            throw new CorruptedFrameException("Count '" + field + "' = " + count + " needs at least " + needed
                    + " bytes but only " + in.readableBytes() + " are left");
        }
        return count;
    }

    /** Rejects bytes left over after the last field of a body. */
    public static void requireFullyRead(ByteBuf in, String what) {
        if (in.isReadable()) {
            throw new CorruptedFrameException(what + " has " + in.readableBytes() + " trailing bytes after its last field");
        }
    }

    private static int readLength(ByteBuf in, String field) {
        int length = readInt(in, field + " length");
        if (length < -1) {
            throw new CorruptedFrameException("Field '" + field + "' has a negative length: " + length);
        }
        if (length > in.readableBytes()) {
            throw new CorruptedFrameException("Field '" + field + "' has length " + length + " past the end ("
                    + in.readableBytes() + " bytes left)");
        }
        return length;
    }

    private static void require(ByteBuf in, int bytes, String field) {
        if (in.readableBytes() < bytes) {
            throw new CorruptedFrameException("Truncated at field '" + field + "': needs " + bytes + " bytes, "
                    + in.readableBytes() + " left");
        }
    }
}
