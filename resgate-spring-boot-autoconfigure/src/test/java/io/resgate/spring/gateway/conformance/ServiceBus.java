package io.resgate.spring.gateway.conformance;

import java.util.function.Consumer;

import io.resgate.spring.messaging.Message;

/**
 * What the scripted service needs from the messaging system: publish, subscribe, and a barrier that
 * guarantees earlier subscriptions are active on the server.
 */
interface ServiceBus extends AutoCloseable {

	void publish(String subject, String replyTo, byte[] payload);

	/** Subscribes; returns a handle that unsubscribes. */
	AutoCloseable subscribe(String subject, Consumer<Message> handler);

	/** Returns once all earlier subscriptions are registered with the server. */
	void flush();

	@Override
	void close();
}
