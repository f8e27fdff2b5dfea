package io.resgate.spring.gateway.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.resgate.spring.gateway.requests.GatewayService;

/**
 * What the WebSocket connections of one gateway share: the gateway, the limits, the compression
 * pools, one read buffer per container thread, and the timer that closes sockets whose peer does
 * not answer a close frame. A connection holds nothing of this itself.
 */
final class WebSocketEngine implements AutoCloseable {

	/** Size of a container thread's read buffer. */
	static final int READ_BUFFER_SIZE = 16 * 1024;

	private final GatewayService gateway;

	private final int maxMessageSize;

	private final PerMessageDeflate deflate;

	private final Duration closeTimeout;

	private final SocketAbort abort = new SocketAbort();

	private final ThreadLocal<byte[]> readBuffers = ThreadLocal.withInitial(() -> new byte[READ_BUFFER_SIZE]);

	/** The upgraded connections not yet ended, to close them when the server stops. */
	private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the engine.
	 * @param gateway the gateway core
	 * @param maxMessageSize the largest message accepted from a client, in bytes
	 * @param compression whether per-message compression may be negotiated
	 * @param closeTimeout how long a peer has to answer a close frame before its socket is closed
	 */
	WebSocketEngine(GatewayService gateway, int maxMessageSize, boolean compression, Duration closeTimeout) {
		this.gateway = gateway;
		this.maxMessageSize = maxMessageSize;
		this.closeTimeout = closeTimeout;
		this.deflate = compression ? new PerMessageDeflate(Math.max(4, Runtime.getRuntime().availableProcessors() * 2))
				: null;
	}

	GatewayService gateway() {
		return gateway;
	}

	int maxMessageSize() {
		return maxMessageSize;
	}

	/** @return the compression pools, or {@code null} when compression is off */
	PerMessageDeflate deflate() {
		return deflate;
	}

	Duration closeTimeout() {
		return closeTimeout;
	}

	ScheduledExecutorService timer() {
		return gateway.timer();
	}

	SocketAbort abort() {
		return abort;
	}

	/** @return the calling thread's read buffer */
	byte[] readBuffer() {
		return readBuffers.get();
	}

	void opened(WebSocketConnection c) {
		open.add(c);
	}

	void ended(WebSocketConnection c) {
		open.remove(c);
	}

	/** @return how many upgraded connections have not ended yet */
	int openCount() {
		return open.size();
	}

	/**
	 * Closes every upgraded connection: each gets a close frame and is ended as any closed connection.
	 * @param code the close code
	 * @param reason the reason
	 */
	void closeAll(int code, String reason) {
		for (WebSocketConnection c : open) {
			c.close(code, reason);
		}
	}

	@Override
	public void close() {
		if (deflate != null) {
			deflate.close();
		}
	}
}
