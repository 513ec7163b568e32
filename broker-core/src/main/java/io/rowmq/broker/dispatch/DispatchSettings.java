package io.rowmq.broker.dispatch;

import java.time.Clock;

/** What dispatch needs of the engine settings. */
public record DispatchSettings(String brokerId, long leaseMs, Clock clock) {
}
