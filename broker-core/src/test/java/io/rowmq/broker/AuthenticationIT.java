package io.rowmq.broker;

import io.rowmq.broker.net.BrokerServerHandler;
import io.rowmq.broker.testing.TestDatabase;
import io.rowmq.jms.provider.ClientOptions;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.BrokerError;
import io.rowmq.protocol.ErrorCode;
import io.rowmq.protocol.ErrorReply;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.HandshakeRequest;
import io.rowmq.protocol.UserAdminRequest;
import io.rowmq.protocol.UserAdminResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users, passwords and anonymous connections against a real broker on a real database. */
@Timeout(180)
class AuthenticationIT {
    private static final Logger HANDLER_LOG = Logger.getLogger(BrokerServerHandler.class.getName());
    private static final List<LogRecord> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGGED.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static TestDatabase db;
    private static Broker broker;

    @BeforeAll
    static void startBroker() {
        HANDLER_LOG.addHandler(CAPTURE);
        db = TestDatabase.create();
        broker = start(db, "--user", "alice:Tr0ub4dor&3", "--user", "j2ee:j2ee");
    }

    @AfterAll
    static void stopBroker() {
        HANDLER_LOG.removeHandler(CAPTURE);
        if (broker != null) {
            broker.close();
        }
        db.close();
    }

    private static Broker start(TestDatabase database, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--broker-id",
                "auth-it", "--jdbc-url", database.jdbcUrl(), "--jdbc-user", database.user(), "--jdbc-password",
                database.password(), "--password-iterations", "10000"));
        args.addAll(List.of(extra));
        return BrokerMain.start(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
    }

    private static RowMQClient connect(Broker to, String user, String password) throws IOException {
        return RowMQClient.connect("127.0.0.1", to.port(), ClientOptions.defaults()
                .withCredentials(user, password));
    }

    private static void assertRefused(Broker to, String user, String password, String message) {
        assertThatThrownBy(() -> connect(to, user, password).close())
                .isInstanceOfSatisfying(BrokerError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                .hasMessage("RowMQ broker at 127.0.0.1:" + to.port() + " refused the handshake: " + message);
    }

    private static void assertAccepted(Broker to, String user, String password) throws Exception {
        try (RowMQClient client = connect(to, user, password)) {
            assertThat(client.metadata(null).get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void theRightPasswordConnects() throws Exception {
        assertAccepted(broker, "alice", "Tr0ub4dor&3");
        assertAccepted(broker, "j2ee", "j2ee");
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheUserAndLoggedOnceWithoutThePassword() {
        assertRefused(broker, "alice", "tr0ub4dor&3-guess",
                "User 'alice' was refused: unknown user or wrong password");

        List<String> lines = LOGGED.stream().filter(r -> r.getMessage().contains("User 'alice' was refused"))
                .map(r -> r.getLevel() + " " + r.getMessage()).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("WARNING Connection ").contains("from /127.0.0.1:")
                .contains("handshake refused, AUTHENTICATION_FAILED").doesNotContain("guess");
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        assertRefused(broker, "mallory", "j2ee", "User 'mallory' was refused: unknown user or wrong password");
        assertRefused(broker, "Alice", "Tr0ub4dor&3", "User 'Alice' was refused: unknown user or wrong password");
        assertRefused(broker, "alice", null, "User 'alice' was refused: unknown user or wrong password");
    }

    @Test
    void theBrokerClosesARefusedConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            socket.setSoTimeout(10_000);
            ByteBuf body = Unpooled.buffer();
            HandshakeRequest.plain("raw", "mallory", "x".getBytes(StandardCharsets.UTF_8)).encode(body);
            ByteBuf frame = Unpooled.buffer().writeInt(6 + body.readableBytes()).writeByte(FrameType.HANDSHAKE.code())
                    .writeByte(0).writeInt(1).writeBytes(body);
            socket.getOutputStream().write(frame.array(), frame.arrayOffset(), frame.readableBytes());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readInt()];
            in.readFully(reply);
            assertThat(reply[0]).isEqualTo((byte) FrameType.ERROR.code());
            ErrorReply error = ErrorReply.decode(Unpooled.wrappedBuffer(reply, 6, reply.length - 6));
            assertThat(error.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(error.retriable()).isFalse();
            assertThat(in.read()).as("end of stream: the broker closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void anonymousConnectionsAreAllowedByDefault() throws Exception {
        assertAccepted(broker, null, null);
    }

    @Test
    void aChangedPasswordCountsAtTheNextConnectionAndARemovedUserCannotConnect() throws Exception {
        try (RowMQClient admin = connect(broker, "alice", "Tr0ub4dor&3")) {
            UserAdminResponse created = admin.userAdmin(UserAdminRequest.setPassword("carol", bytes("first")))
                    .get(30, TimeUnit.SECONDS);
            assertThat(created.outcome()).isEqualTo(UserAdminResponse.Outcome.CREATED);
            RowMQClient carol = connect(broker, "carol", "first");

            UserAdminResponse changed = admin.userAdmin(UserAdminRequest.setPassword("carol", bytes("second")))
                    .get(30, TimeUnit.SECONDS);
            assertThat(changed.outcome()).isEqualTo(UserAdminResponse.Outcome.UPDATED);
            assertRefused(broker, "carol", "first", "User 'carol' was refused: unknown user or wrong password");
            assertAccepted(broker, "carol", "second");

            admin.userAdmin(UserAdminRequest.remove("carol")).get(30, TimeUnit.SECONDS);
            assertRefused(broker, "carol", "second", "User 'carol' was refused: unknown user or wrong password");
            assertThat(carol.isOpen()).as("a connection already open stays open").isTrue();
            carol.close();
        }
    }

    @Test
    void anonymousConnectionsMayNotManageUsersOnceUsersExist() throws Exception {
        try (RowMQClient anonymous = connect(broker, null, null)) {
            assertThatThrownBy(() -> anonymous.userAdmin(UserAdminRequest.list()).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(BrokerError.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessageStartingWith("Listing users needs a connection authenticated as a user of this broker");
            assertThat(anonymous.isOpen()).isTrue();
        }
    }

    @Test
    void theAdminSchemaKeepsOnlyASaltedHash() throws Exception {
        try (Connection c = db.connect(); ResultSet row = c.createStatement().executeQuery(
                "SELECT algorithm, iterations, LENGTH(salt), password_hash FROM broker_user WHERE name = 'alice'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("PBKDF2WithHmacSHA256");
            assertThat(row.getInt(2)).isEqualTo(10_000);
            assertThat(row.getInt(3)).isEqualTo(16);
            assertThat(row.getBytes(4)).hasSize(32);
            assertThat(new String(row.getBytes(4), StandardCharsets.ISO_8859_1)).doesNotContain("Tr0ub4dor");
        }
    }

    @Test
    void aBrokerThatRefusesAnonymousConnectionsAndTheUsersItSetsAtEachStart() throws Exception {
        try (TestDatabase own = TestDatabase.create()) {
            try (Broker first = start(own, "--allow-anonymous", "false", "--user", "bob:one")) {
                assertRefused(first, null, null,
                        "Anonymous connections are refused by this broker; connect with a user name and password");
                assertAccepted(first, "bob", "one");
            }
            try (Broker second = start(own, "--allow-anonymous=false", "--user", "bob:two", "--user", "dave:d")) {
                assertRefused(second, "bob", "one", "User 'bob' was refused: unknown user or wrong password");
                assertAccepted(second, "bob", "two");
                assertAccepted(second, "dave", "d");
                assertRefused(second, null, null,
                        "Anonymous connections are refused by this broker; connect with a user name and password");
            }
            try (Broker third = start(own)) {
                assertAccepted(third, null, null);
                assertAccepted(third, "bob", "two");
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
