package io.rowmq.jms.provider;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.concurrent.ThreadFactory;

/**
 * The Netty pieces of one resolved {@link IoTransport}: the event loop group and the socket
 * channel class that go with it. The epoll classes are touched only when epoll was chosen.
 */
final class ClientIo {
    private final IoTransport transport;

    /** @param transport {@link IoTransport#NIO} or {@link IoTransport#EPOLL}, as {@link IoTransport#resolve()} gives */
    ClientIo(IoTransport transport) {
        if (transport == IoTransport.AUTO) {
            throw new IllegalArgumentException("resolve the transport first: AUTO is not a transport");
        }
        this.transport = transport;
    }

    IoTransport transport() {
        return transport;
    }

    EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, handlerFactory());
    }

    private IoHandlerFactory handlerFactory() {
        return transport == IoTransport.EPOLL ? Epoll.handlerFactory() : NioIoHandler.newFactory();
    }

    Class<? extends SocketChannel> socketChannel() {
        return transport == IoTransport.EPOLL ? Epoll.socketChannel() : NioSocketChannel.class;
    }

    /** Loaded only when epoll is used, so a class path without the epoll jars never needs it. */
    private static final class Epoll {
        static IoHandlerFactory handlerFactory() {
            return EpollIoHandler.newFactory();
        }

        static Class<? extends SocketChannel> socketChannel() {
            return EpollSocketChannel.class;
        }
    }
}
