package io.rowmq.jms.provider;

import io.netty.channel.epoll.Epoll;

/**
 * Whether Netty's epoll transport can be used in this JVM. The epoll classes are an optional
 * dependency of the client jar: when they are missing, the answer is no and the reason says so,
 * instead of a {@link NoClassDefFoundError} at connect time.
 */
final class EpollSupport {
    private static final String REASON = probe();

    private EpollSupport() {
    }

    static boolean available() {
        return REASON == null;
    }

    /** Why epoll cannot be used, or null when it can. */
    static String unavailableReason() {
        return REASON;
    }

    private static String probe() {
        try {
            if (Epoll.isAvailable()) {
                return null;
            }
            Throwable cause = Epoll.unavailabilityCause();
            return cause == null ? "Netty reports epoll as unavailable" : cause.toString();
        } catch (LinkageError e) {
            return "the Netty epoll classes are not on the class path (" + e + ")";
        }
    }
}
