package io.rowmq.jms.provider;

import java.io.IOException;

/** The connection to the broker closed while a request was outstanding or being sent. */
public class ConnectionLostException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
