package io.resgate.spring.messaging;

/**
 * A message received from the messaging system.
 *
 * @param subject the subject it was published on
 * @param replyTo the reply subject, or {@code null} if no reply is expected
 * @param data the payload, possibly empty, never {@code null}
 */
public record Message(String subject, String replyTo, byte[] data) {

	public Message {
		data = (data == null) ? new byte[0] : data;
	}
}
