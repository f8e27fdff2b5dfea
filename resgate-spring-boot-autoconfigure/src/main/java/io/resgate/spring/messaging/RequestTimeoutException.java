package io.resgate.spring.messaging;

/**
 * A request got no response before its deadline.
 */
public class RequestTimeoutException extends MessagingException {

	/**
	 * @param subject the request subject
	 */
	public RequestTimeoutException(String subject) {
		super("Request timeout for " + subject);
	}
}
