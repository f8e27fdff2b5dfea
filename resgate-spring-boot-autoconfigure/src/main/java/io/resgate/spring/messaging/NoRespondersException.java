package io.resgate.spring.messaging;

/**
 * A request failed at once because nobody subscribes to its subject.
 */
public class NoRespondersException extends MessagingException {

	/**
	 * @param subject the request subject
	 */
	public NoRespondersException(String subject) {
		super("No responders for " + subject);
	}
}
