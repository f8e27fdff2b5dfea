package io.resgate.spring.gateway.session;

import java.util.List;
import java.util.function.Consumer;

/**
 * The transport side of a connection's {@link OutboundQueue}: writes frames without blocking. The
 * queue is its only caller, and starts a write only after the previous one is done, so a writer
 * never has more than one write in progress.
 */
public interface FrameWriter {

	/** Close code of a normal closure. */
	int NORMAL_CLOSURE = 1000;

	/** Close code of a gateway going away (shutdown, lost messaging). */
	int GOING_AWAY = 1001;

	/** Close code of a client that broke a policy, such as reading too slowly. */
	int POLICY_VIOLATION = 1008;

	/** Close code of a server error. */
	int INTERNAL_ERROR = 1011;

	/**
	 * Starts writing frames, in order, each as one text message. Never blocks on the client's socket.
	 * @param frames the frames; each is shared between connections and must not be modified
	 * @param done called exactly once, from any thread, with {@code null} once every frame has been
	 * handed to the socket, or with the failure
	 */
	void write(List<byte[]> frames, Consumer<Throwable> done);

	/**
	 * Closes the transport: a close frame with the code and reason, best effort and without blocking,
	 * then the connection itself, soon after even if the peer does not read. Idempotent.
	 * @param code the close code
	 * @param reason the reason, sent to the client and logged
	 */
	void close(int code, String reason);
}
