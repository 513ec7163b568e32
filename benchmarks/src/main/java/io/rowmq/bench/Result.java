package io.rowmq.bench;

/**
 * One row of the final table.
 *
 * @param id        short key other rows refer to as their baseline, e.g. {@code raw-b}
 * @param name      what was measured
 * @param settings  the load: writers, batch size, payload, what the latency is of
 * @param rate      units per second over the measured window
 * @param unit      {@code rows/s} or {@code msg/s}
 * @param latency   percentiles, or null where they mean nothing
 * @param target    what the row must reach, or null for a baseline
 */
public record Result(String id, String name, String settings, double rate, String unit, Latency latency,
                     Target target) {

    /** What a RowMQ row is held to: a share of a raw row's rate, or an absolute rate. */
    public record Target(String baselineId, double minRatio, double minRate) {

        /** Only shows the ratio to a raw row, with no target to meet. */
        public static Target compareWith(String baselineId) {
            return new Target(baselineId, 0, 0);
        }

        public static Target ratioOf(String baselineId, double minRatio) {
            return new Target(baselineId, minRatio, 0);
        }

        public static Target rateOf(String baselineId, double minRate) {
            return new Target(baselineId, 0, minRate);
        }
    }
}
