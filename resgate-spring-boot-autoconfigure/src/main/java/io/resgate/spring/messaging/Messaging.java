package io.resgate.spring.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The messaging system both the gateway and the services use: publish-subscribe with NATS subject
 * wildcards ({@code *} for one token, {@code >} for the rest), queue groups, and request-reply whose
 * deadline a pre-response ({@code timeout:"ms"}) extends.
 *
 * <p>Ordering: all handlers of one {@code Messaging} are called on one delivery thread, in the
 * order the messages arrive, so that messages and replies sent by one publisher are seen in the
 * order they were sent. Handlers and future callbacks must therefore not block.
 *
 * <p>Faults: no method blocks while the connection is down. Publishes and requests fail at once
 * with {@link MessagingUnavailableException} (nothing is buffered to be sent later), requests in
 * flight when the connection is lost fail at once with it, and subscriptions made or ended
 * meanwhile take effect when the connection is back. Listeners are told {@link ConnectionEvent#DISCONNECTED}
 * and {@link ConnectionEvent#RECONNECTED} once per outage.
 *
 * <p>Headers: messages may carry headers (NATS headers, such as the W3C trace context); receivers find
 * them in {@link Message#headers()}. RES itself does not use them, and Resgate and go-res ignore them.
 */
public interface Messaging extends AutoCloseable {

	/**
	 * Publishes a message.
	 * @param subject the subject
	 * @param payload the payload
	 * @throws MessagingUnavailableException if the connection is down
	 * @throws MessagingException if the message cannot be sent
	 */
	void publish(String subject, byte[] payload);

	/**
	 * Publishes a message with a reply subject.
	 * @param subject the subject
	 * @param replyTo the reply subject
	 * @param payload the payload
	 * @throws MessagingUnavailableException if the connection is down
	 * @throws MessagingException if the message cannot be sent
	 */
	void publish(String subject, String replyTo, byte[] payload);

	/**
	 * Publishes a message with headers. Implementations that cannot send headers send the message without
	 * them, as this default does.
	 * @param subject the subject
	 * @param replyTo the reply subject, or {@code null}
	 * @param payload the payload
	 * @param headers the headers; none if empty
	 * @throws MessagingUnavailableException if the connection is down
	 * @throws MessagingException if the message cannot be sent
	 */
	default void publish(String subject, String replyTo, byte[] payload, Map<String, String> headers) {
		publish(subject, replyTo, payload);
	}

	/**
	 * Subscribes to a subject.
	 * @param subject the subject, possibly with wildcards
	 * @param handler the handler
	 * @return the subscription
	 */
	default MessageSubscription subscribe(String subject, MessageHandler handler) {
		return subscribe(subject, null, handler);
	}

	/**
	 * Subscribes to a subject as a member of a queue group: each message goes to one member of the group.
	 * @param subject the subject, possibly with wildcards
	 * @param queueGroup the queue group, or {@code null} for a plain subscription
	 * @param handler the handler
	 * @return the subscription
	 */
	MessageSubscription subscribe(String subject, String queueGroup, MessageHandler handler);

	/**
	 * Sends a request and awaits one response. A pre-response extends the deadline; a request with no
	 * subscriber fails at once with {@link NoRespondersException}; no response in time fails with
	 * {@link RequestTimeoutException}; while the connection is down, or when it is lost before the
	 * response, it fails at once with {@link MessagingUnavailableException}. The future completes on
	 * the delivery thread or a timer thread, never on the caller's.
	 * @param subject the subject
	 * @param payload the payload
	 * @param timeout the initial timeout
	 * @return the response payload
	 */
	CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout);

	/**
	 * Sends a request with headers and awaits one response, as {@link #request(String, byte[], Duration)}.
	 * Implementations that cannot send headers send the request without them, as this default does.
	 * @param subject the subject
	 * @param payload the payload
	 * @param timeout the initial timeout
	 * @param headers the headers of the request; none if empty
	 * @return the response payload
	 */
	default CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout,
			Map<String, String> headers) {
		return request(subject, payload, timeout);
	}

	/**
	 * Creates a unique inbox subject, for temporary subscriptions such as query event subjects.
	 * @return a new subject
	 */
	String newInbox();

	/**
	 * Adds a connection state listener.
	 * @param listener the listener
	 */
	void addConnectionListener(ConnectionListener listener);

	/** @return whether the connection is currently up */
	boolean isConnected();

	/** @return the largest payload the system accepts, in bytes */
	long maxPayload();

	/** @return a human-readable description, such as the server URL, also while disconnected */
	String describe();

	/** Closes the connection; pending requests fail. */
	@Override
	void close();
}
