package io.resgate.spring.messaging;

/**
 * Notified of connection state changes. Must not block.
 */
@FunctionalInterface
public interface ConnectionListener {

	/**
	 * Called on a state change.
	 * @param event the event
	 */
	void onConnectionEvent(ConnectionEvent event);
}
