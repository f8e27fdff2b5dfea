package io.resgate.spring.gateway.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.resgate.spring.messaging.Message;

/**
 * The scripted service's own NATS connection, made with jnats directly (not with the gateway's
 * messaging code), so the gateway is seen from outside.
 */
final class JnatsServiceBus implements ServiceBus {

	private final Connection connection;

	private final Dispatcher dispatcher;

	JnatsServiceBus(String url) {
		try {
			this.connection = Nats.connect(new Options.Builder().server(url).connectionName("conformance-service")
				.maxReconnects(-1).build());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot connect to " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		this.dispatcher = connection.createDispatcher();
	}

	@Override
	public void publish(String subject, String replyTo, byte[] payload) {
		connection.publish(subject, replyTo, payload);
	}

	@Override
	public AutoCloseable subscribe(String subject, Consumer<Message> handler) {
		Subscription sub = dispatcher.subscribe(subject,
				msg -> handler.accept(new Message(msg.getSubject(), msg.getReplyTo(), msg.getData())));
		return () -> dispatcher.unsubscribe(sub);
	}

	@Override
	public void flush() {
		try {
			connection.flush(Duration.ofSeconds(5));
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("NATS flush timed out", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			connection.closeDispatcher(dispatcher);
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
