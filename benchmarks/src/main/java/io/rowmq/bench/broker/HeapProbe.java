package io.rowmq.bench.broker;

import io.rowmq.bench.Result;

import java.lang.management.ManagementFactory;

/**
 * Heap used after a full GC in this JVM, where the broker runs. It includes the benchmark's
 * own clients, which hold nothing between phases, so a growing figure is the broker's.
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static long usedAfterGcBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A table row with the heap used after GC now, in MiB. */
    public static Result row(String id, String when) {
        long max = Runtime.getRuntime().maxMemory();
        return new Result(id, "broker heap used after GC", when + " (-Xmx" + max / (1024 * 1024) + "m)",
                usedAfterGcBytes() / (1024.0 * 1024.0), "MiB", null, null);
    }
}
