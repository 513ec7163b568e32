package io.rowmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Where a browse has got to: per queue index, the last offset already looked at. A queue
 * without an entry is browsed from its group's committed position. Immutable; {@link #START}
 * has no entries.
 */
public final class BrowseCursor {
    /** Browses every queue from the group's committed position. */
    public static final BrowseCursor START = new BrowseCursor(Map.of());
    /** queueIndex, offset. */
    private static final int ENTRY_SIZE = 12;

    private final Map<Integer, Long> lastSeen;

    private BrowseCursor(Map<Integer, Long> lastSeen) {
        this.lastSeen = lastSeen;
    }

    /** A cursor with these positions; queue indexes must not be negative. */
    public static BrowseCursor of(Map<Integer, Long> lastSeenByQueue) {
        TreeMap<Integer, Long> copy = new TreeMap<>();
        lastSeenByQueue.forEach((queueIndex, offset) -> {
            if (queueIndex == null || offset == null || queueIndex < 0) {
                throw new IllegalArgumentException("Browse cursor entry " + queueIndex + " -> " + offset
                        + ": a queue index of 0 or more and an offset are required");
            }
            copy.put(queueIndex, offset);
        });
        return copy.isEmpty() ? START : new BrowseCursor(Collections.unmodifiableMap(copy));
    }

    /** The last offset seen in the queue, or empty when the queue starts at the group's committed position. */
    public OptionalLong lastSeen(int queueIndex) {
        Long offset = lastSeen.get(queueIndex);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** This cursor with the queue moved to {@code offset}. */
    public BrowseCursor with(int queueIndex, long offset) {
        TreeMap<Integer, Long> copy = new TreeMap<>(lastSeen);
        copy.put(queueIndex, offset);
        return of(copy);
    }

    /** The positions, by queue index in ascending order; unmodifiable. */
    public Map<Integer, Long> positions() {
        return lastSeen;
    }

    void write(ByteBuf out) {
        out.writeInt(lastSeen.size());
        lastSeen.forEach((queueIndex, offset) -> {
            out.writeInt(queueIndex);
            out.writeLong(offset);
        });
    }

    static BrowseCursor read(ByteBuf in) {
        int count = WireFormat.readCount(in, "cursor entry count", ENTRY_SIZE);
        TreeMap<Integer, Long> positions = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int queueIndex = in.readInt();
            long offset = in.readLong();
            if (queueIndex < 0 || positions.put(queueIndex, offset) != null) {
                throw new CorruptedFrameException("Browse cursor entry " + i + " has queue index " + queueIndex
                        + " (negative or repeated)");
            }
        }
        return of(positions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BrowseCursor cursor && cursor.lastSeen.equals(lastSeen);
    }

    @Override
    public int hashCode() {
        return lastSeen.hashCode();
    }

    @Override
    public String toString() {
        return "BrowseCursor" + lastSeen;
    }
}
