package io.resgate.spring.gateway.session;

/**
 * Where a connection's outgoing frames go: a WebSocket, or a collector for an HTTP request.
 * {@link #send} must not block.
 */
public interface ClientSink {

	/**
	 * Queues a frame for the client.
	 * @param frame the encoded JSON frame; shared between connections, must not be modified
	 */
	void send(byte[] frame);

	/**
	 * Closes the client's transport; the connection is disposed when the transport reports it closed.
	 * @param reason a reason for the logs
	 */
	void disconnect(String reason);
}
