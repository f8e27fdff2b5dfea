package io.resgate.spring.messaging;

/**
 * Receives messages of a subscription. Called on the messaging system's delivery thread, one
 * message at a time and in order: implementations must not block.
 */
@FunctionalInterface
public interface MessageHandler {

	/**
	 * Handles one message.
	 * @param message the message
	 */
	void onMessage(Message message);
}
