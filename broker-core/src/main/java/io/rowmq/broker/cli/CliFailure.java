package io.rowmq.broker.cli;

/** A command that could not be carried out; the message is the one line printed to the user. */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
