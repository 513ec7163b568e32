package io.rowmq.broker.net;

import io.rowmq.jms.provider.IoTransport;
import io.rowmq.jms.provider.RowMQClient;
import io.rowmq.protocol.Delivery;
import io.rowmq.protocol.Frame;
import io.rowmq.protocol.GroupKind;
import io.rowmq.protocol.ProduceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Server and client over NIO and epoll, in every pairing: the wire does not care which. */
@Timeout(120)
class TransportIT {

    @ParameterizedTest(name = "server {0}, client {1}")
    @CsvSource({"EPOLL,EPOLL", "NIO,EPOLL", "EPOLL,NIO", "NIO,NIO"})
    void sendsAndReceivesOverEachPairing(IoTransport serverTransport, IoTransport clientTransport) throws Exception {
        boolean needsEpoll = serverTransport == IoTransport.EPOLL || clientTransport == IoTransport.EPOLL;
        assumeTrue(!needsEpoll || IoTransport.epollUnavailableReason() == null, "epoll is not available here");
        try (ServerFixture fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE, serverTransport);
             RowMQClient client = fixture.connect(clientTransport)) {
            assertThat(fixture.server().transport()).isEqualTo(serverTransport);
            assertThat(client.transport()).isEqualTo(clientTransport);
            String topic = "transport-" + serverTransport + "-" + clientTransport;
            client.createTopic(topic, 1, 0).get(30, TimeUnit.SECONDS);
            long consumer = client.subscribe(topic, "g", GroupKind.QUEUE, null, false).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 20; i++) {
                ProduceResult sent = client.produce(topic, 0, 77, i, List.of(BrokerRoundTripIT.record(topic, i)))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.offsets()).hasSize(1);
            }
            List<Delivery> received = BrokerRoundTripIT.fetchAll(client, consumer, 20);
            assertThat(received).hasSize(20);
        }
    }

    @Test
    void autoResolvesToEpollWhereAvailable() throws Exception {
        IoTransport expected = IoTransport.epollUnavailableReason() == null ? IoTransport.EPOLL : IoTransport.NIO;
        try (ServerFixture fixture = new ServerFixture(Frame.DEFAULT_MAX_FRAME_SIZE);
             RowMQClient client = fixture.connect()) {
            assertThat(fixture.server().transport()).isEqualTo(expected);
            assertThat(client.transport()).isEqualTo(expected);
        }
    }
}
