package io.resgate.spring.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link Messaging} over a NATS connection (jnats). All subscriptions, including the request inbox,
 * share one dispatcher thread, which keeps the order of messages and replies from any one publisher.
 */
public final class NatsMessaging implements Messaging {

	private static final Log logger = LogFactory.getLog(NatsMessaging.class);

	private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService timer;

	private final Connection connection;

	private final Dispatcher dispatcher;

	private final RequestTracker tracker;

	private NatsMessaging(Options.Builder options) throws IOException, InterruptedException {
		this.timer = Executors.newSingleThreadScheduledExecutor(LocalMessaging.daemon("resgate-nats-timer"));
		options.connectionListener((conn, type) -> onConnectionEvent(type));
		options.errorListener(new ErrorListener() {
			@Override
			public void slowConsumerDetected(Connection conn, Consumer consumer) {
				logger.warn("NATS slow consumer: incoming messages were dropped");
				fire(ConnectionEvent.MESSAGES_DROPPED);
			}

			@Override
			public void errorOccurred(Connection conn, String error) {
				logger.warn("NATS error: " + error);
			}

			@Override
			public void exceptionOccurred(Connection conn, Exception exp) {
				logger.debug("NATS exception", exp);
			}
		});
		try {
			this.connection = Nats.connect(options.build());
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			timer.shutdownNow();
			throw ex;
		}
		this.dispatcher = connection.createDispatcher();
		this.tracker = new RequestTracker(connection.createInbox(), timer);
		dispatcher.subscribe(tracker.inboxWildcard(), msg -> {
			if (msg.isStatusMessage()) {
				if (msg.getStatus().isNoResponders()) {
					tracker.onNoResponders(msg.getSubject());
				}
				return;
			}
			tracker.onReply(msg.getSubject(), msg.getData());
		});
	}

	/**
	 * Connects to NATS.
	 * @param options the connection options; the connection and error listeners are set by this class
	 * @return the connected messaging
	 * @throws IOException if no server can be reached
	 * @throws InterruptedException if interrupted while connecting
	 */
	public static NatsMessaging connect(Options.Builder options) throws IOException, InterruptedException {
		return new NatsMessaging(options);
	}

	/** @return the underlying jnats connection */
	public Connection connection() {
		return connection;
	}

	private void onConnectionEvent(io.nats.client.ConnectionListener.Events type) {
		switch (type) {
			case DISCONNECTED -> {
				logger.warn("NATS connection lost");
				fire(ConnectionEvent.DISCONNECTED);
			}
			case RECONNECTED -> {
				logger.info("NATS connection re-established");
				fire(ConnectionEvent.RECONNECTED);
			}
			case CLOSED -> {
				if (tracker != null) {
					tracker.failAll(new MessagingException("NATS connection closed"));
				}
				fire(ConnectionEvent.CLOSED);
			}
			default -> {
			}
		}
	}

	private void fire(ConnectionEvent event) {
		for (ConnectionListener l : listeners) {
			try {
				l.onConnectionEvent(event);
			}
			catch (RuntimeException ex) {
				logger.error("Connection listener failed on " + event, ex);
			}
		}
	}

	@Override
	public void publish(String subject, byte[] payload) {
		publish(subject, null, payload);
	}

	@Override
	public void publish(String subject, String replyTo, byte[] payload) {
		try {
			connection.publish(subject, replyTo, payload);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new MessagingException(ex.getMessage(), ex);
		}
	}

	@Override
	public MessageSubscription subscribe(String subject, String queueGroup, MessageHandler handler) {
		io.nats.client.MessageHandler h = msg -> {
			try {
				handler.onMessage(new Message(msg.getSubject(), msg.getReplyTo(), msg.getData()));
			}
			catch (RuntimeException ex) {
				logger.error("Message handler for " + subject + " failed on " + msg.getSubject(), ex);
			}
		};
		Subscription sub;
		try {
			sub = (queueGroup == null || queueGroup.isEmpty()) ? dispatcher.subscribe(subject, h)
					: dispatcher.subscribe(subject, queueGroup, h);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new MessagingException(ex.getMessage(), ex);
		}
		return new MessageSubscription() {
			@Override
			public String subject() {
				return subject;
			}

			@Override
			public void unsubscribe() {
				if (sub.isActive()) {
					try {
						dispatcher.unsubscribe(sub);
					}
					catch (IllegalStateException ex) {
						// closed meanwhile
					}
				}
			}
		};
	}

	@Override
	public CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout) {
		String replyTo = tracker.nextReplySubject();
		CompletableFuture<byte[]> future = tracker.register(replyTo, subject, timeout);
		try {
			connection.publish(subject, replyTo, payload);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			tracker.fail(replyTo, new MessagingException(ex.getMessage(), ex));
		}
		return future;
	}

	@Override
	public String newInbox() {
		return connection.createInbox();
	}

	@Override
	public void addConnectionListener(ConnectionListener listener) {
		listeners.add(listener);
	}

	@Override
	public boolean isConnected() {
		return connection.getStatus() == Connection.Status.CONNECTED;
	}

	@Override
	public long maxPayload() {
		return connection.getMaxPayload();
	}

	@Override
	public String describe() {
		return "NATS " + connection.getConnectedUrl();
	}

	@Override
	public void close() {
		try {
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			tracker.failAll(new MessagingException("NATS connection closed"));
			timer.shutdownNow();
		}
	}
}
