package io.rowmq.broker.cli;

import io.rowmq.broker.CommandLine;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.TopicInfo;

import java.io.PrintStream;
import java.util.List;

/** {@code topic create NAME [--queues N] [--max-attempts N]}, {@code topic list}, {@code topic delete NAME}. */
record TopicCommand(String action, String name, int queues, int maxAttempts) implements CliCommand {

    static TopicCommand from(CommandLine cl) {
        String action = cl.positional(1);
        if (action == null || !List.of("create", "list", "delete").contains(action)) {
            throw new IllegalArgumentException("topic needs one of create, list, delete, was '" + action + "'");
        }
        String name = cl.positional(2);
        if (!action.equals("list") && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("topic " + action + " needs a topic NAME");
        }
        int expectedWords = action.equals("list") ? 2 : 3;
        if (cl.positional().size() > expectedWords) {
            throw new IllegalArgumentException("topic " + action + " takes no word after "
                    + cl.positional(expectedWords - 1) + ", was '" + cl.positional(expectedWords) + "'");
        }
        int queues = cl.intValue("queues", 0);
        int maxAttempts = cl.intValue("max-attempts", 0);
        if (queues < 0 || queues > 1024) {
            throw new IllegalArgumentException("--queues must be 1..1024 (0 = broker default), was " + queues);
        }
        if (maxAttempts < 0 || maxAttempts > 1000) {
            throw new IllegalArgumentException("--max-attempts must be 1..1000 (0 = broker default), was " + maxAttempts);
        }
        return new TopicCommand(action, name, queues, maxAttempts);
    }

    @Override
    public int run(RowMQClient client, PrintStream out) {
        switch (action) {
            case "create" -> {
                TopicInfo info = Replies.await(client.createTopic(name, queues, maxAttempts),
                        "create topic '" + name + "'");
                out.println("Created topic " + info.name() + " with " + info.queueCount() + " queues (max attempts "
                        + info.maxAttempts() + ")");
            }
            case "delete" -> {
                Replies.await(client.deleteTopic(name), "delete topic '" + name + "'");
                out.println("Deleted topic " + name);
            }
            default -> printList(Replies.await(client.metadata(null), "list topics"), out);
        }
        return 0;
    }

    private static void printList(List<TopicInfo> topics, PrintStream out) {
        if (topics.isEmpty()) {
            out.println("No topics");
            return;
        }
        int width = Math.max(5, topics.stream().mapToInt(t -> t.name().length()).max().orElse(0));
        out.printf("%-" + width + "s  %6s  %12s%n", "TOPIC", "QUEUES", "MAX-ATTEMPTS");
        for (TopicInfo topic : topics) {
            out.printf("%-" + width + "s  %6d  %12d%n", topic.name(), topic.queueCount(), topic.maxAttempts());
        }
    }
}
