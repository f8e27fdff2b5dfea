package io.resgate.spring.messaging;

/**
 * A change of the messaging connection's state.
 */
public enum ConnectionEvent {

	/** The connection was lost; messages may have been lost. */
	DISCONNECTED,

	/** The connection was re-established after a loss. */
	RECONNECTED,

	/** Incoming messages were dropped because a consumer could not keep up. */
	MESSAGES_DROPPED,

	/** The connection was closed for good. */
	CLOSED
}
