package io.rowmq.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parsed arguments of one command: positional words, {@code --name value} (or
 * {@code --name=value}) options and bare {@code --flag}s. Only the options a command declares
 * are accepted; anything else is rejected with a message naming it. Typed getters reject
 * values that do not parse, naming the option and the value.
 */
public final class CommandLine {
    /** Options that may be given several times; their values are joined by newlines. */
    public static final Set<String> REPEATABLE = Set.of("data-node", "user");

    private final List<String> positional;
    private final Map<String, String> options;
    private final Set<String> flags;

    private CommandLine(List<String> positional, Map<String, String> options, Set<String> flags) {
        this.positional = List.copyOf(positional);
        this.options = Map.copyOf(options);
        this.flags = Set.copyOf(flags);
    }

    /**
     * Parses {@code args}.
     *
     * @param valueOptions the options that take a value, without the leading dashes
     * @param flagOptions  the options that take none, without the leading dashes
     * @throws IllegalArgumentException on an unknown option, a missing value or a repeated option
     */
    public static CommandLine parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new TreeSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (flagOptions.contains(name) && eq < 0) {
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("Option --" + name + " needs a value");
                }
                if (REPEATABLE.contains(name) && options.containsKey(name)) {
                    value = options.get(name) + "\n" + value;
                    options.put(name, value);
                } else if (options.put(name, value) != null) {
                    throw new IllegalArgumentException("Option --" + name + " is given more than once");
                }
            } else {
                throw new IllegalArgumentException("Unknown option --" + name + "; known options: "
                        + known(valueOptions, flagOptions));
            }
        }
        return new CommandLine(positional, options, flags);
    }

    private static String known(Set<String> valueOptions, Set<String> flagOptions) {
        Set<String> all = new TreeSet<>(valueOptions);
        all.addAll(flagOptions);
        return all.isEmpty() ? "none" : "--" + String.join(", --", all);
    }

    public List<String> positional() {
        return positional;
    }

    /** The positional word at {@code index}, or null when there are fewer. */
    public String positional(int index) {
        return index < positional.size() ? positional.get(index) : null;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public boolean isSet(String option) {
        return options.containsKey(option);
    }

    public String string(String option, String defaultValue) {
        return options.getOrDefault(option, defaultValue);
    }

    public int intValue(String option, int defaultValue) {
        long value = longValue(option, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + option + " is out of range, was '" + options.get(option) + "'");
        }
        return (int) value;
    }

    public long longValue(String option, long defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a whole number, was '" + text + "'");
        }
    }
}
