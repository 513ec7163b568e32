package io.rowmq.jms.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IoTransportTest {

    @Test
    void parsesTheThreeValuesInAnyCaseAndRejectsOthersNamingTheSetting() {
        assertThat(IoTransport.parse("auto")).isEqualTo(IoTransport.AUTO);
        assertThat(IoTransport.parse(" NIO ")).isEqualTo(IoTransport.NIO);
        assertThat(IoTransport.parse("Epoll")).isEqualTo(IoTransport.EPOLL);
        assertThat(IoTransport.EPOLL).hasToString("epoll");
        assertThatThrownBy(() -> IoTransport.parse("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport.io must be auto, nio or epoll, was 'kqueue'");
        assertThatThrownBy(() -> IoTransport.parse(null)).hasMessageContaining("was 'null'");
    }

    @Test
    void autoTakesEpollWhereItLoadsAndNioElsewhere() {
        assertThat(IoTransport.NIO.resolve()).isEqualTo(IoTransport.NIO);
        IoTransport expected = IoTransport.epollUnavailableReason() == null ? IoTransport.EPOLL : IoTransport.NIO;
        assertThat(IoTransport.AUTO.resolve()).isEqualTo(expected);
        if (expected == IoTransport.NIO) {
            assertThatThrownBy(IoTransport.EPOLL::resolve)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transport.io is epoll, but the epoll transport cannot be used here");
        } else {
            assertThat(IoTransport.EPOLL.resolve()).isEqualTo(IoTransport.EPOLL);
        }
    }

    @Test
    void epollLoadsOnLinuxX86WhereTheNativeJarIsOnTheTestClassPath() {
        assumeTrue(System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "epoll is shipped for linux-x86_64");
        assertThat(IoTransport.epollUnavailableReason()).isNull();
    }

    @Test
    void theSystemPropertySetsTheClientDefault() {
        String before = System.getProperty(IoTransport.PROPERTY);
        try {
            System.clearProperty(IoTransport.PROPERTY);
            assertThat(ClientOptions.defaults().transport()).isEqualTo(IoTransport.AUTO);
            System.setProperty(IoTransport.PROPERTY, "nio");
            assertThat(ClientOptions.defaults().transport()).isEqualTo(IoTransport.NIO);
            System.setProperty(IoTransport.PROPERTY, "fast");
            assertThatThrownBy(ClientOptions::defaults)
                    .hasMessage("System property rowmq.transport.io: transport.io must be auto, nio or epoll,"
                            + " was 'fast'");
        } finally {
            if (before == null) {
                System.clearProperty(IoTransport.PROPERTY);
            } else {
                System.setProperty(IoTransport.PROPERTY, before);
            }
        }
    }
}
