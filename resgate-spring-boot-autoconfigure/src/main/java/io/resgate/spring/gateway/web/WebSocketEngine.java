package io.resgate.spring.gateway.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.resgate.spring.gateway.requests.GatewayService;

/**
 * What the WebSocket connections of one gateway share: the gateway, the limits, the compression
 * pools, one read buffer per reading thread, the read loops, and the timer that closes sockets whose
 * peer does not answer a close frame. A connection holds nothing of this itself.
 */
final class WebSocketEngine implements AutoCloseable {

	/** Size of a container thread's read buffer. */
	static final int READ_BUFFER_SIZE = 16 * 1024;

	private final GatewayService gateway;

	private final int maxMessageSize;

	private final PerMessageDeflate deflate;

	private final Duration closeTimeout;

	private final TomcatSocketWrappers wrappers = new TomcatSocketWrappers();

	private final SocketAbort abort = new SocketAbort(wrappers);

	private final ThreadLocal<byte[]> readBuffers = ThreadLocal.withInitial(() -> new byte[READ_BUFFER_SIZE]);

	private final ThreadLocal<ByteBuffer> readByteBuffers = ThreadLocal.withInitial(() -> ByteBuffer.wrap(readBuffer()));

	private final SocketTakeover takeover = new SocketTakeover(wrappers);

	private final int readThreads;

	private final Object loopsLock = new Object();

	private ReadLoops loops;

	private boolean closed;

	/** The upgraded connections not yet ended, to close them when the server stops. */
	private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the engine.
	 * @param gateway the gateway core
	 * @param maxMessageSize the largest message accepted from a client, in bytes
	 * @param compression whether per-message compression may be negotiated
	 * @param closeTimeout how long a peer has to answer a close frame before its socket is closed
	 * @param readThreads how many threads read the sockets of connections taken over from the container;
	 * 0 to read every connection through the Servlet API
	 */
	WebSocketEngine(GatewayService gateway, int maxMessageSize, boolean compression, Duration closeTimeout,
			int readThreads) {
		this.gateway = gateway;
		this.maxMessageSize = maxMessageSize;
		this.closeTimeout = closeTimeout;
		this.deflate = compression ? new PerMessageDeflate(Math.max(4, Runtime.getRuntime().availableProcessors() * 2))
				: null;
		this.readThreads = readThreads;
	}

	/** @return whether connections are read by read loops where the container allows it */
	boolean readsDirectly() {
		return readThreads > 0;
	}

	/** @return the read loops, started with the first connection taken over; {@code null} once closed */
	ReadLoops loops() {
		synchronized (loopsLock) {
			if (loops == null && !closed) {
				loops = new ReadLoops(readThreads, "resgate-ws-read");
			}
			return loops;
		}
	}

	SocketTakeover takeover() {
		return takeover;
	}

	/** @return the calling thread's read buffer, as a byte buffer */
	ByteBuffer readByteBuffer() {
		return readByteBuffers.get();
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
		synchronized (loopsLock) {
			closed = true;
			if (loops != null) {
				loops.close();
			}
		}
		if (deflate != null) {
			deflate.close();
		}
	}
}
