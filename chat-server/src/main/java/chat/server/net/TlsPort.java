package chat.server.net;

import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import tlschannel.ServerTlsChannel;

/**
 * The TLS port's side of the network: makes each accepted socket's {@link TlsTransport}, and
 * each one's tls-channel once its first byte says it speaks TLS: delegated tasks handed to us
 * (never run on the loop), buffers released while idle (an idle TLS connection keeps none) into
 * a shared {@link TlsBuffers} for the next one.
 *
 * <p>Reactor thread only.
 */
final class TlsPort implements Transport.Factory {

    private final SSLContext context;
    private final Supplier<SSLEngine> engines;
    private final Handshakes handshakes;
    /** Every TLS connection's encrypted-record buffers, reused (plain-text ones are not: they would carry one user's words to another's buffer). */
    private final TlsBuffers buffers = new TlsBuffers();

    TlsPort(SSLContext context, Supplier<SSLEngine> engines, Handshakes handshakes) {
        this.context = context;
        this.engines = engines;
        this.handshakes = handshakes;
    }

    @Override
    public Transport open(SocketChannel socket, TlsTransport.Owner owner) {
        return new TlsTransport(socket, this, owner);
    }

    ServerTlsChannel wrap(ByteChannel socket) {
        return ServerTlsChannel.newBuilder(socket, context)
                .withEngineFactory(ignoredSameContext -> engines.get())
                .withRunTasks(false)
                .withReleaseBuffers(true)
                .withEncryptedBufferAllocator(buffers)
                .build();
    }

    Handshakes handshakes() {
        return handshakes;
    }
}
