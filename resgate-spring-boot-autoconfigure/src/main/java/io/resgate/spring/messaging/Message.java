package io.resgate.spring.messaging;

import java.util.Map;

/**
 * A message received from the messaging system.
 *
 * @param subject the subject it was published on
 * @param replyTo the reply subject, or {@code null} if no reply is expected
 * @param data the payload, possibly empty, never {@code null}
 * @param headers the message headers, such as W3C trace context ({@code traceparent}); empty if none,
 * never {@code null}
 */
public record Message(String subject, String replyTo, byte[] data, Map<String, String> headers) {

	public Message {
		data = (data == null) ? new byte[0] : data;
		headers = (headers == null) ? Map.of() : headers;
	}

	/**
	 * A message without headers.
	 * @param subject the subject it was published on
	 * @param replyTo the reply subject, or {@code null} if no reply is expected
	 * @param data the payload
	 */
	public Message(String subject, String replyTo, byte[] data) {
		this(subject, replyTo, data, Map.of());
	}

	/**
	 * A header of the message.
	 * @param name the header name, as sent
	 * @return its value, or {@code null} if the message has no such header
	 */
	public String header(String name) {
		return headers.isEmpty() ? null : headers.get(name);
	}
}
