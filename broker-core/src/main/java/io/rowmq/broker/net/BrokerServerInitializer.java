package io.rowmq.broker.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.rowmq.broker.BrokerEngine;
import io.rowmq.protocol.FrameDecoder;
import io.rowmq.protocol.FrameEncoder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds each connection's pipeline, in this order: flush consolidation (replies completed
 * close together share one flush), frame decoder, frame encoder, request handler.
 */
public final class BrokerServerInitializer extends ChannelInitializer<SocketChannel> {
    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    public static final String FRAME_DECODER = "frame-decoder";
    public static final String FRAME_ENCODER = "frame-encoder";
    public static final String HANDLER = "handler";
    private static final int FLUSH_AFTER_WRITES = 256;

    private final BrokerEngine engine;
    private final ServerSettings settings;
    private final ServerSecurity security;
    private final InFlightRequests inFlight;
    private final ProduceBudget produceBudget;
    private final ChannelGroup channels;
    private final FrameEncoder encoder = new FrameEncoder();
    private final AtomicLong connectionIds = new AtomicLong();
    private final ClientIds clientIds;

    BrokerServerInitializer(BrokerEngine engine, ServerSettings settings, ServerSecurity security,
                            InFlightRequests inFlight, ProduceBudget produceBudget, ChannelGroup channels) {
        this.engine = engine;
        this.settings = settings;
        this.security = security;
        this.inFlight = inFlight;
        this.produceBudget = produceBudget;
        this.channels = channels;
        this.clientIds = new ClientIds(settings.brokerId());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
        pipeline.addLast(FRAME_DECODER, new FrameDecoder(settings.maxFrameSize()));
        pipeline.addLast(FRAME_ENCODER, encoder);
        pipeline.addLast(HANDLER, new BrokerServerHandler(engine, settings, security, inFlight, produceBudget, clientIds,
                connectionIds.incrementAndGet()));
    }
}
