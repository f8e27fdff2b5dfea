package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;

/**
 * The scripted service on the application's in-process bus: the same {@link Messaging} bean the
 * gateway uses.
 */
final class InProcessServiceBus implements ServiceBus {

	private final Messaging messaging;

	private final List<MessageSubscription> subscriptions = new ArrayList<>();

	InProcessServiceBus(Messaging messaging) {
		this.messaging = messaging;
	}

	@Override
	public void publish(String subject, String replyTo, byte[] payload) {
		messaging.publish(subject, replyTo, payload);
	}

	@Override
	public synchronized AutoCloseable subscribe(String subject, Consumer<Message> handler) {
		MessageSubscription sub = messaging.subscribe(subject, handler::accept);
		subscriptions.add(sub);
		return sub::unsubscribe;
	}

	@Override
	public void flush() {
		// subscriptions on the in-process bus are active at once
	}

	@Override
	public synchronized void close() {
		subscriptions.forEach(MessageSubscription::unsubscribe);
		subscriptions.clear();
	}
}
