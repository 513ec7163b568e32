package io.rowmq.broker;

/** The outcome of an append: the queue used and the offsets given, or a duplicate of an earlier send. */
public record AppendResult(int queueIndex, boolean duplicate, long[] offsets) {

    public static AppendResult duplicateOf(int queueIndex) {
        return new AppendResult(queueIndex, true, new long[0]);
    }
}
