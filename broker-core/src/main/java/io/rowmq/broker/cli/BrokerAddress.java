package io.rowmq.broker.cli;

import java.util.ArrayList;
import java.util.List;

/** One broker of a {@code rowmq://host:port,host2:port} URL. */
record BrokerAddress(String host, int port) {
    static final String DEFAULT_URL = "rowmq://127.0.0.1:7600";
    private static final String SCHEME = "rowmq://";

    /**
     * The brokers of a URL, in order; the scheme may be left out and a missing port is 7600.
     *
     * @throws IllegalArgumentException naming the URL when it does not parse
     */
    static List<BrokerAddress> parseUrl(String url) {
        String rest = url.startsWith(SCHEME) ? url.substring(SCHEME.length()) : url;
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<BrokerAddress> addresses = new ArrayList<>();
        for (String part : rest.split(",")) {
            addresses.add(parseOne(part.trim(), url));
        }
        return addresses;
    }

    private static BrokerAddress parseOne(String hostPort, String url) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.contains("/")) {
            throw new IllegalArgumentException("--broker must look like rowmq://host:port, was '" + url + "'");
        }
        if (colon < 0) {
            return new BrokerAddress(host, 7600);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new BrokerAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--broker has a bad port in '" + url + "' (expected 1..65535)");
        }
    }

    @Override
    public String toString() {
        return SCHEME + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
