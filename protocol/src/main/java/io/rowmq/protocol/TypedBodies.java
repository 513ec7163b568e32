package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The bodies of map and stream messages (docs/protocol.md, "Message bodies"). Both use the
 * tagged values of the property section: a map body is laid out exactly like the property
 * section ({@code int32 count, count × (string name, uint8 tag, value)}), a stream body is
 * {@code int32 count, count × (uint8 tag, value)}. A null value is a null string (tag 8).
 * Values: Boolean, Byte, Short, Integer, Long, Float, Double, String, byte[], Character or null.
 */
public final class TypedBodies {
    /** tag + the smallest value (boolean or byte). */
    private static final int MIN_STREAM_ELEMENT_SIZE = 2;

    private TypedBodies() {
    }

    /** True when the value can be written into a map or stream body. */
    public static boolean isSupported(Object value) {
        return value == null || RecordProperties.tagOf(value) != 0;
    }

    /**
     * Encodes name → value in iteration order.
     *
     * @throws IllegalArgumentException for a null name or a value of an unsupported type
     */
    public static byte[] encodeMap(Map<String, Object> entries) {
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            RecordProperties.checkValue(entry.getKey(), entry.getValue());
        }
        ByteBuf out = Unpooled.buffer(16 + entries.size() * 24);
        RecordProperties.write(out, entries);
        return toArray(out);
    }

    /**
     * Decodes a map body into a modifiable map in wire order.
     *
     * @throws CorruptedFrameException when the body is malformed or has trailing bytes
     */
    public static Map<String, Object> decodeMap(byte[] body) {
        ByteBuf in = wrap(body, "Map body");
        Map<String, Object> entries = new java.util.LinkedHashMap<>(RecordProperties.read(in));
        WireFormat.requireFullyRead(in, "Map body");
        return entries;
    }

    /**
     * Encodes a sequence of values in order.
     *
     * @throws IllegalArgumentException for a value of an unsupported type
     */
    public static byte[] encodeStream(Collection<?> values) {
        ByteBuf out = Unpooled.buffer(16 + values.size() * 12);
        out.writeInt(values.size());
        int index = 0;
        for (Object value : values) {
            if (!isSupported(value)) {
                throw new IllegalArgumentException("Stream element " + index + " has unsupported type "
                        + value.getClass().getName() + " (boolean, byte, short, int, long, float, double, String, byte[], char)");
            }
            RecordProperties.writeValue(out, value);
            index++;
        }
        return toArray(out);
    }

    /**
     * Decodes a stream body into a modifiable list.
     *
     * @throws CorruptedFrameException when the body is malformed or has trailing bytes
     */
    public static List<Object> decodeStream(byte[] body) {
        ByteBuf in = wrap(body, "Stream body");
        int count = WireFormat.readCount(in, "streamElementCount", MIN_STREAM_ELEMENT_SIZE);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(RecordProperties.readTaggedValue(in, "stream element " + i));
        }
        WireFormat.requireFullyRead(in, "Stream body");
        return values;
    }

    private static ByteBuf wrap(byte[] body, String what) {
        if (body == null) {
            throw new CorruptedFrameException(what + " is null");
        }
        return Unpooled.wrappedBuffer(body);
    }

    private static byte[] toArray(ByteBuf out) {
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }
}
