package io.rowmq.broker.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.rowmq.jms.provider.IoTransport;

import java.util.concurrent.ThreadFactory;

/**
 * The Netty pieces of the server's resolved {@link IoTransport}: event loop groups and the
 * listening channel class that go with it.
 */
final class ServerIo {
    private final IoTransport transport;

    /** @param transport {@link IoTransport#NIO} or {@link IoTransport#EPOLL}, as {@link IoTransport#resolve()} gives */
    ServerIo(IoTransport transport) {
        if (transport == IoTransport.AUTO) {
            throw new IllegalArgumentException("resolve the transport first: AUTO is not a transport");
        }
        this.transport = transport;
    }

    IoTransport transport() {
        return transport;
    }

    /** A group of {@code threads} event loops; 0 takes Netty's default, twice the available processors. */
    EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, handlerFactory());
    }

    private IoHandlerFactory handlerFactory() {
        return transport == IoTransport.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return transport == IoTransport.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
