package io.resgate.spring.messaging;

/**
 * A change of the messaging connection's state. {@link #DISCONNECTED} and {@link #RECONNECTED} are
 * told once per outage, however many reconnect attempts fail in between.
 */
public enum ConnectionEvent {

	/**
	 * The connection was lost; messages may have been lost. From now until {@link #RECONNECTED},
	 * requests and publishes fail at once with {@link MessagingUnavailableException}, and requests in
	 * flight have failed with it.
	 */
	DISCONNECTED,

	/**
	 * The connection was re-established after a loss, and every subscription is active again on the
	 * server: messages published meanwhile were missed.
	 */
	RECONNECTED,

	/** Incoming messages were dropped because a consumer could not keep up. */
	MESSAGES_DROPPED,

	/** The connection was closed for good. */
	CLOSED
}
