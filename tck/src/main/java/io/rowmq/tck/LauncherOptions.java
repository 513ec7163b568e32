package io.rowmq.tck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@link BrokerLauncher}: {@code --name value} pairs, some of them repeatable,
 * checked once when parsed.
 */
final class LauncherOptions {

    private static final Set<String> REPEATABLE = Set.of("user", "jvm-arg");

    private final Map<String, List<String>> values;

    private LauncherOptions(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException on a word that is not an option, a missing value, or a
     *         repeated option that may be given only once
     */
    static LauncherOptions parse(List<String> args) {
        Map<String, List<String>> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String word = args.get(i);
            if (!word.startsWith("--")) {
                throw new IllegalArgumentException("Expected an option (--name value), got '" + word + "'");
            }
            String name = word.substring(2);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("Option --" + name + " needs a value");
            }
            List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (!list.isEmpty() && !REPEATABLE.contains(name)) {
                throw new IllegalArgumentException("Option --" + name + " given twice");
            }
            list.add(args.get(i + 1));
        }
        return new LauncherOptions(values);
    }

    /** The value of a required option. */
    String required(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            throw new IllegalArgumentException("Option --" + name + " is required");
        }
        return list.get(0);
    }

    Path path(String name) {
        return Path.of(required(name)).toAbsolutePath().normalize();
    }

    int port(String name) {
        String text = required(name);
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--" + name + " must be 1..65535, was " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + text + "'", e);
        }
    }

    Duration seconds(String name, long defaultSeconds) {
        List<String> list = values.get(name);
        if (list == null) {
            return Duration.ofSeconds(defaultSeconds);
        }
        try {
            long seconds = Long.parseLong(list.get(0));
            if (seconds < 1) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, was " + seconds);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number of seconds, was '" + list.get(0) + "'", e);
        }
    }

    int positive(String name, int defaultValue) {
        List<String> list = values.get(name);
        if (list == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(list.get(0));
            if (value < 1) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + list.get(0) + "'", e);
        }
    }

    /** Every value of a repeatable option, in order; empty if absent. */
    List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }
}
