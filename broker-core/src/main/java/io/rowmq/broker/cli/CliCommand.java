package io.rowmq.broker.cli;

import io.rowmq.jms.provider.RowMQClient;

import java.io.PrintStream;

/** One command, its arguments already checked, run over a connected client. */
interface CliCommand {

    /**
     * Runs the command, printing its result to {@code out}.
     *
     * @return the process exit code
     * @throws CliFailure when the broker refuses or the connection fails
     */
    int run(RowMQClient client, PrintStream out);
}
