package io.resgate.spring.messaging;

/**
 * A failure of the messaging system, such as a closed connection.
 */
public class MessagingException extends RuntimeException {

	/**
	 * @param message what failed
	 */
	public MessagingException(String message) {
		super(message);
	}

	/**
	 * @param message what failed
	 * @param cause the cause
	 */
	public MessagingException(String message, Throwable cause) {
		super(message, cause);
	}
}
