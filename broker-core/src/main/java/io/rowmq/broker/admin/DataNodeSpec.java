package io.rowmq.broker.admin;

/**
 * A MySQL/MariaDB database that hosts queue tables besides the admin database: its name in the
 * admin schema and how to reach it. The password is used, never stored.
 */
public record DataNodeSpec(String name, String jdbcUrl, String user, String password) {

    public DataNodeSpec {
        if (name == null || !name.matches("[A-Za-z0-9_\\-]{1,64}") || "local".equals(name)) {
            throw new IllegalArgumentException("Data node name '" + name + "' must be 1..64 of A-Z a-z 0-9 _ -"
                    + " and not 'local' (the admin database)");
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Data node '" + name + "': JDBC URL must start with jdbc:, was '"
                    + jdbcUrl + "'");
        }
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "DataNodeSpec[" + name + "=" + jdbcUrl + " as " + user + "]";
    }

    /**
     * Parses {@code NAME=JDBC_URL} as given on the command line.
     *
     * @param user     used for the node (the admin database's user unless the URL says otherwise)
     * @param password likewise
     */
    public static DataNodeSpec parse(String text, String user, String password) {
        int equals = text == null ? -1 : text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--data-node takes NAME=JDBC_URL, was '" + text + "'");
        }
        return new DataNodeSpec(text.substring(0, equals), text.substring(equals + 1), user, password);
    }
}
