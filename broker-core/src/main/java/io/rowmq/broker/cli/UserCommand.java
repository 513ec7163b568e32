package io.rowmq.broker.cli;

import io.rowmq.broker.CommandLine;
import io.rowmq.broker.admin.UserCredential;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.UserAdminRequest;
import io.rowmq.protocol.UserAdminResponse;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code user add NAME (--password P | --password-stdin)}, {@code user remove NAME},
 * {@code user list}: manages the broker's users through the running broker (USER_ADMIN), as the
 * user the CLI logs in as ({@code --login}). {@code add} of an existing user changes its password.
 */
record UserCommand(String action, String name, String password) implements CliCommand {

    /** @param passwords where a password comes from when {@code --password} is not given */
    static UserCommand from(CommandLine cl, PasswordSource passwords) {
        String action = cl.positional(1);
        if (action == null || !List.of("add", "remove", "list").contains(action)) {
            throw new IllegalArgumentException("user needs one of add, remove, list, was '" + action + "'");
        }
        String name = cl.positional(2);
        if (!action.equals("list") && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("user " + action + " needs a user NAME");
        }
        int expectedWords = action.equals("list") ? 2 : 3;
        if (cl.positional().size() > expectedWords) {
            throw new IllegalArgumentException("user " + action + " takes no word after "
                    + cl.positional(expectedWords - 1) + ", was '" + cl.positional(expectedWords) + "'");
        }
        if (!action.equals("add")) {
            if (cl.isSet("password") || cl.has("password-stdin")) {
                throw new IllegalArgumentException("user " + action + " takes no password");
            }
            return new UserCommand(action, name, null);
        }
        UserCredential credential = new UserCredential(name, password(cl, name, passwords));
        return new UserCommand(action, credential.name(), credential.password());
    }

    private static String password(CommandLine cl, String name, PasswordSource passwords) {
        if (cl.isSet("password") && cl.has("password-stdin")) {
            throw new IllegalArgumentException("user add takes --password or --password-stdin, not both");
        }
        if (cl.isSet("password")) {
            return cl.string("password", null);
        }
        return cl.has("password-stdin") ? passwords.readLine("the password of user '" + name + "'")
                : passwords.prompt("New password for user '" + name + "': ", "--password P or --password-stdin", true);
    }

    @Override
    public int run(RowMQClient client, PrintStream out) {
        switch (action) {
            case "add" -> {
                UserAdminResponse response = Replies.await(client.userAdmin(UserAdminRequest.setPassword(name,
                        password.getBytes(StandardCharsets.UTF_8))), "set the password of user '" + name + "'");
                out.println(response.outcome() == UserAdminResponse.Outcome.CREATED ? "Created user " + name
                        : "Changed the password of user " + name);
            }
            case "remove" -> {
                Replies.await(client.userAdmin(UserAdminRequest.remove(name)), "remove user '" + name + "'");
                out.println("Removed user " + name);
            }
            default -> printList(Replies.await(client.userAdmin(UserAdminRequest.list()), "list users").users(), out);
        }
        return 0;
    }

    private static void printList(List<UserAdminResponse.User> users, PrintStream out) {
        if (users.isEmpty()) {
            out.println("No users");
            return;
        }
        int width = Math.max(4, users.stream().mapToInt(u -> u.name().length()).max().orElse(0));
        out.printf("%-" + width + "s  %-24s  %-24s%n", "USER", "CREATED", "PASSWORD-CHANGED");
        for (UserAdminResponse.User user : users) {
            out.printf("%-" + width + "s  %-24s  %-24s%n", user.name(), instant(user.createdAt()),
                    instant(user.updatedAt()));
        }
    }

    private static String instant(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "UserCommand[" + action + (name == null ? "" : " " + name) + "]";
    }
}
