package io.rowmq.jms;

import jakarta.jms.InvalidDestinationException;

import java.util.regex.Pattern;

/** Checks a queue or topic name against what the broker accepts for topic names, with a clear message. */
final class DestinationNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._\\-:/$#]{1,200}");

    private DestinationNames() {
    }

    static String check(String name, String kind) throws InvalidDestinationException {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new InvalidDestinationException("Invalid " + kind + " name '" + name + "': use 1 to 200 of the"
                    + " characters A-Z a-z 0-9 . _ - : / $ #");
        }
        if ("queue".equals(kind) && (name.startsWith(RowMQDestination.TOPIC_PREFIX)
                || name.startsWith(RowMQDestination.TEMP_QUEUE_PREFIX)
                || name.startsWith(RowMQDestination.TEMP_TOPIC_PREFIX))) {
            throw new InvalidDestinationException("Invalid queue name '" + name + "': the prefixes topic:, temp-queue:"
                    + " and temp-topic: are reserved for topics and temporary destinations");
        }
        return name;
    }
}
