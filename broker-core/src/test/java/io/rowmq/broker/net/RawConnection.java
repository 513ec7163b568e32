package io.rowmq.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.rowmq.protocol.ErrorReply;
import io.rowmq.protocol.FrameType;
import io.rowmq.protocol.WireMessage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A plain socket to the broker for sending hand-made bytes and reading frames back, in tests. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A frame as read off the socket. */
    record RawFrame(int type, int flags, int requestId, byte[] body) {
        ErrorReply error() {
            return ErrorReply.decode(Unpooled.wrappedBuffer(body));
        }
    }

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes a well-formed request frame. */
    void writeRequest(FrameType type, int requestId, WireMessage body) throws IOException {
        ByteBuf buf = ByteBufAllocator.DEFAULT.heapBuffer();
        try {
            body.encode(buf);
            ByteBuf frame = Unpooled.buffer().writeInt(6 + buf.readableBytes()).writeByte(type.code()).writeByte(0)
                    .writeInt(requestId).writeBytes(buf);
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            write(bytes);
        } finally {
            buf.release();
        }
    }

    RawFrame readFrame() throws IOException {
        int length = in.readInt();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int requestId = in.readInt();
        byte[] body = new byte[length - 6];
        in.readFully(body);
        return new RawFrame(type, flags, requestId, body);
    }

    /** True when the broker has closed the connection (end of stream or reset) within the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
