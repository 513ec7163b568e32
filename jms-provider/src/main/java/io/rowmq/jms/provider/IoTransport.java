package io.rowmq.jms.provider;

import java.util.Locale;

/**
 * Which Netty socket transport a connection uses (setting {@code transport.io}): Linux's
 * native epoll, Java's NIO, or {@link #AUTO}, which takes epoll where its native library loads
 * and NIO everywhere else. Used by the client and by the broker's server alike.
 */
public enum IoTransport {
    /** Epoll where it is available, otherwise NIO: the default. */
    AUTO,
    /** Java NIO selectors: works everywhere. */
    NIO,
    /** Netty's native epoll transport: Linux only, needs {@code netty-transport-native-epoll} on the class path. */
    EPOLL;

    /** The system property that sets the client's default, e.g. {@code -Drowmq.transport.io=nio}. */
    public static final String PROPERTY = "rowmq.transport.io";

    /**
     * Reads {@code auto}, {@code nio} or {@code epoll}, in any case.
     *
     * @throws IllegalArgumentException naming the setting and the value when it is none of these
     */
    public static IoTransport parse(String value) {
        if (value != null) {
            for (IoTransport transport : values()) {
                if (transport.name().equalsIgnoreCase(value.trim())) {
                    return transport;
                }
            }
        }
        throw new IllegalArgumentException("transport.io must be auto, nio or epoll, was '" + value + "'");
    }

    /** The client's default: the system property {@value #PROPERTY} when set, otherwise {@link #AUTO}. */
    public static IoTransport fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return AUTO;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + ": " + e.getMessage(), e);
        }
    }

    /**
     * The transport to use: {@link #NIO} or {@link #EPOLL}, never {@link #AUTO}.
     *
     * @throws IllegalStateException when epoll was asked for and cannot be used here, saying why
     */
    public IoTransport resolve() {
        return switch (this) {
            case NIO -> NIO;
            case AUTO -> EpollSupport.available() ? EPOLL : NIO;
            case EPOLL -> {
                if (!EpollSupport.available()) {
                    throw new IllegalStateException("transport.io is epoll, but the epoll transport cannot be used"
                            + " here: " + EpollSupport.unavailableReason() + ". Use transport.io auto or nio, or put"
                            + " io.netty:netty-transport-native-epoll (classifier linux-x86_64) on the class path.");
                }
                yield EPOLL;
            }
        };
    }

    /** Why the epoll transport cannot be used in this JVM, or null when it can. */
    public static String epollUnavailableReason() {
        return EpollSupport.unavailableReason();
    }

    /** Lower case, as written in settings. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
