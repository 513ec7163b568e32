package io.rowmq.broker.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the CLI reads a password that is not on its command line: the first line of standard
 * input ({@code --password-stdin}), or a prompt on the terminal that does not echo.
 */
final class PasswordSource {
    private final InputStream stdin;
    private final Console console;

    PasswordSource(InputStream stdin, Console console) {
        this.stdin = stdin;
        this.console = console;
    }

    /** The first line of standard input, without its line end. */
    String readLine(String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("--password-stdin found no line on standard input for " + what);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + what + " from standard input: " + e.getMessage(), e);
        }
    }

    /**
     * Asks on the terminal, without echo; fails when there is none.
     *
     * @param instead the options that give the password without a terminal, for the error message
     * @param confirm whether to ask twice and fail when the answers differ (a new password)
     */
    String prompt(String question, String instead, boolean confirm) {
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password on: give " + instead);
        }
        char[] first = console.readPassword("%s", question);
        char[] second = confirm ? console.readPassword("%s", "Again: ") : first;
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords typed differ");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
