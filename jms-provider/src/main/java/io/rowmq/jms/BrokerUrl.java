package io.rowmq.jms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code rowmq://host:port[,host2:port2][?name=value&...]} URL. Options:
 * {@code user}, {@code password}, {@code clientId}, {@code connectTimeoutMs},
 * {@code requestTimeoutMs}, {@code prefetch}, {@code reconnectAttempts}, {@code reconnectDelayMs}
 * (docs/configuration.md, "jms."). An unknown option or impossible value is rejected naming it.
 */
public record BrokerUrl(List<Address> addresses, Map<String, String> options) {
    public static final int DEFAULT_PORT = 7600;
    private static final String SCHEME = "rowmq://";
    private static final Set<String> KNOWN_OPTIONS = Set.of("user", "password", "clientId", "connectTimeoutMs",
            "requestTimeoutMs", "prefetch", "reconnectAttempts", "reconnectDelayMs");

    /** One broker of the list. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public BrokerUrl {
        addresses = List.copyOf(addresses);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Parses a URL, rejecting it with a message that names the part that is wrong. */
    public static BrokerUrl parse(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            throw new IllegalArgumentException("Broker URL '" + url + "' must start with " + SCHEME
                    + " (example: rowmq://localhost:" + DEFAULT_PORT + ")");
        }
        String rest = url.substring(SCHEME.length());
        int query = rest.indexOf('?');
        String hosts = query < 0 ? rest : rest.substring(0, query);
        List<Address> addresses = new ArrayList<>();
        for (String part : hosts.split(",", -1)) {
            addresses.add(address(url, part.trim()));
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query >= 0 && query + 1 < rest.length()) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!KNOWN_OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("Broker URL '" + redact(url) + "' has unknown option '" + name
                            + "' (known: " + String.join(", ", KNOWN_OPTIONS.stream().sorted().toList()) + ")");
                }
                options.put(name, value);
            }
        }
        BrokerUrl parsed = new BrokerUrl(addresses, options);
        parsed.intOption("connectTimeoutMs", 1, 1);
        parsed.intOption("requestTimeoutMs", 1, 1);
        parsed.intOption("prefetch", 1, 1);
        parsed.intOption("reconnectAttempts", 0, 0);
        parsed.intOption("reconnectDelayMs", 0, 0);
        return parsed;
    }

    private static Address address(String url, String part) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("Broker URL '" + redact(url) + "' has an empty host");
        }
        int colon = part.lastIndexOf(':');
        if (colon < 0) {
            return new Address(part, DEFAULT_PORT);
        }
        String host = part.substring(0, colon);
        try {
            int port = Integer.parseInt(part.substring(colon + 1));
            if (port < 1 || port > 65535 || host.isEmpty()) {
                throw new NumberFormatException();
            }
            return new Address(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Broker URL '" + redact(url) + "' has an invalid host:port '" + part
                    + "' (port must be 1..65535)", e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without its password, for messages and logs. */
    static String redact(String url) {
        return url == null ? null : url.replaceAll("password=[^&]*", "password=***");
    }

    public String option(String name) {
        return options.get(name);
    }

    /** The option as an int, {@code defaultValue} when absent; rejected below {@code min}. */
    public int intOption(String name, int defaultValue, int min) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Broker URL option " + name + "=" + value
                    + " is not a whole number of at least " + min, e);
        }
    }

    @Override
    public String toString() {
        StringBuilder url = new StringBuilder(SCHEME);
        for (int i = 0; i < addresses.size(); i++) {
            url.append(i == 0 ? "" : ",").append(addresses.get(i));
        }
        String sep = "?";
        for (Map.Entry<String, String> option : options.entrySet()) {
            url.append(sep).append(option.getKey()).append('=')
                    .append("password".equals(option.getKey()) ? "***" : option.getValue());
            sep = "&";
        }
        return url.toString();
    }
}
