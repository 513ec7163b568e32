package io.rowmq.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency distribution, in milliseconds. */
public record Latency(double p50Ms, double p99Ms, double p999Ms, long count) {

    /** Reads the percentiles of a histogram recorded in microseconds. */
    public static Latency fromMicros(Histogram micros) {
        return new Latency(micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0, micros.getTotalCount());
    }
}
