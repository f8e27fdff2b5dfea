package io.resgate.spring.messaging;

/**
 * The messaging connection is down: a request or publish failed at once instead of waiting for the
 * connection to come back, or a request in flight was given up when the connection was lost.
 */
public class MessagingUnavailableException extends MessagingException {

	/**
	 * @param message what could not be done
	 */
	public MessagingUnavailableException(String message) {
		super(message);
	}
}
