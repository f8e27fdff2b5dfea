package io.resgate.spring.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link Messaging} over a NATS connection (jnats). All subscriptions, including the request inbox,
 * share one dispatcher thread, which keeps the order of messages and replies from any one publisher.
 *
 * <p>Faults: jnats reconnects on its own (to another server of the cluster, or the same one when it
 * is back). This class turns that into one {@link ConnectionEvent#DISCONNECTED} when the connection
 * is lost and one {@link ConnectionEvent#RECONNECTED} once jnats has reconnected <em>and</em> sent
 * every subscription again (so a request sent then can be answered), whatever the number of failed
 * attempts in between. While disconnected nothing is queued in jnats' reconnect buffer (it is set
 * to 0 bytes): publishes and requests fail at once, unsubscribes are held back until the
 * connection is back, and so no caller ever waits on NATS I/O or has stale messages sent later.
 */
public final class NatsMessaging implements Messaging {

	private static final Log logger = LogFactory.getLog(NatsMessaging.class);

	private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService timer;

	private final Connection connection;

	private final Dispatcher dispatcher;

	private final RequestTracker tracker;

	private final Object stateLock = new Object();

	// Written under stateLock
	private volatile boolean up;

	private boolean closed;

	private long lostAt;

	private String lastUrl;

	private final List<Runnable> heldUnsubscribes = new ArrayList<>();

	// The last error jnats reported while connecting, the cause of a failed connect
	private volatile Exception connectError;

	private NatsMessaging(Options.Builder options) throws IOException, InterruptedException {
		this.timer = Timers.singleThread("resgate-nats-timer");
		// Fail fast instead of buffering while disconnected: jnats then refuses publishes at once.
		options.reconnectBufferSize(0);
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
				if (connection == null) {
					connectError = exp;
				}
				logger.debug("NATS exception", exp);
			}
		});
		try {
			this.connection = Nats.connect(options.build());
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			timer.shutdownNow();
			if (ex instanceof IOException && ex.getCause() == null && connectError != null) {
				try {
					ex.initCause(connectError); // such as "Connection refused"
				}
				catch (IllegalStateException causeAlreadySet) {
					// keep jnats' exception as it is
				}
			}
			throw ex;
		}
		synchronized (stateLock) {
			up = connection.getStatus() == Connection.Status.CONNECTED;
			lastUrl = connection.getConnectedUrl();
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
	 * @param options the connection options; the connection and error listeners and the reconnect
	 * buffer size (0) are set by this class
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
			case DISCONNECTED -> onLost();
			case RESUBSCRIBED -> onBack();
			case CLOSED -> onClosed();
			default -> {
			}
		}
	}

	private void onLost() {
		String url;
		synchronized (stateLock) {
			if (!up || closed) {
				return; // one more failed reconnect attempt: nothing new to tell
			}
			up = false;
			lostAt = System.nanoTime();
			url = lastUrl;
		}
		int pending = tracker.size();
		tracker.failAll(new MessagingUnavailableException("NATS connection lost"));
		logger.warn("NATS connection to " + url + " lost; reconnecting"
				+ ((pending > 0) ? " (" + pending + " request(s) in flight failed)" : ""));
		fire(ConnectionEvent.DISCONNECTED);
	}

	private void onBack() {
		List<Runnable> unsubscribes;
		long outage;
		String url = connection.getConnectedUrl();
		synchronized (stateLock) {
			if (up || closed) {
				return;
			}
			up = true;
			outage = System.nanoTime() - lostAt;
			if (url != null) {
				lastUrl = url;
			}
			unsubscribes = new ArrayList<>(heldUnsubscribes);
			heldUnsubscribes.clear();
		}
		unsubscribes.forEach(Runnable::run);
		logger.info("NATS connection re-established to " + url + " after " + Duration.ofNanos(outage).toMillis()
				+ " ms");
		fire(ConnectionEvent.RECONNECTED);
	}

	private void onClosed() {
		synchronized (stateLock) {
			if (closed) {
				return;
			}
			closed = true;
			up = false;
			heldUnsubscribes.clear();
		}
		if (tracker != null) {
			tracker.failAll(new MessagingException("NATS connection closed"));
		}
		fire(ConnectionEvent.CLOSED);
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

	private boolean isUp() {
		return up;
	}

	@Override
	public void publish(String subject, byte[] payload) {
		publish(subject, null, payload);
	}

	@Override
	public void publish(String subject, String replyTo, byte[] payload) {
		publish(subject, replyTo, payload, Map.of());
	}

	@Override
	public void publish(String subject, String replyTo, byte[] payload, Map<String, String> headers) {
		if (!isUp()) {
			throw unavailable();
		}
		try {
			if (headers == null || headers.isEmpty() || !headersSupported()) {
				connection.publish(subject, replyTo, payload);
			}
			else {
				Headers h = new Headers();
				headers.forEach(h::put);
				connection.publish(subject, replyTo, h, payload);
			}
		}
		catch (IllegalStateException ex) {
			// lost between the check and the publish (jnats refuses rather than buffers), or its
			// outgoing queue stayed full
			throw (connection.getStatus() == Connection.Status.CLOSED) ? new MessagingException(ex.getMessage(), ex)
					: new MessagingUnavailableException("NATS refused the message: " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			throw new MessagingException(ex.getMessage(), ex);
		}
	}

	private MessagingException unavailable() {
		return (connection.getStatus() == Connection.Status.CLOSED)
				? new MessagingException("NATS connection closed")
				: new MessagingUnavailableException("NATS connection is down");
	}

	@Override
	public MessageSubscription subscribe(String subject, String queueGroup, MessageHandler handler) {
		NatsSubscription s = new NatsSubscription(subject, handler);
		try {
			// While disconnected, jnats only records the subscription and sends it on reconnect.
			s.sub = (queueGroup == null || queueGroup.isEmpty()) ? dispatcher.subscribe(subject, s::deliver)
					: dispatcher.subscribe(subject, queueGroup, s::deliver);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new MessagingException(ex.getMessage(), ex);
		}
		return s;
	}

	@Override
	public CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout) {
		return request(subject, payload, timeout, Map.of());
	}

	@Override
	public CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout,
			Map<String, String> headers) {
		String replyTo = tracker.nextReplySubject();
		CompletableFuture<byte[]> future = tracker.register(replyTo, subject, timeout);
		try {
			publish(subject, replyTo, payload, headers);
		}
		catch (MessagingException ex) {
			failLater(replyTo, ex);
		}
		return future;
	}

	private void failLater(String replyTo, MessagingException ex) {
		try {
			timer.execute(() -> tracker.fail(replyTo, ex));
		}
		catch (RejectedExecutionException closing) {
			tracker.fail(replyTo, ex);
		}
	}

	/** @return whether the server takes messages with headers (NATS 2.2 and later) */
	private boolean headersSupported() {
		io.nats.client.api.ServerInfo info = connection.getServerInfo();
		return info != null && info.isHeadersSupported();
	}

	private static Map<String, String> headersOf(io.nats.client.Message msg) {
		if (!msg.hasHeaders()) {
			return Map.of();
		}
		Map<String, String> map = new HashMap<>(4);
		msg.getHeaders().forEach((name, values) -> {
			if (!values.isEmpty()) {
				map.put(name, values.get(0));
			}
		});
		return Collections.unmodifiableMap(map);
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
		return isUp() && connection.getStatus() == Connection.Status.CONNECTED;
	}

	@Override
	public long maxPayload() {
		return connection.getMaxPayload();
	}

	@Override
	public String describe() {
		String url = connection.getConnectedUrl();
		if (url != null && isConnected()) {
			return "NATS " + url;
		}
		String last;
		boolean isClosed;
		synchronized (stateLock) {
			last = lastUrl;
			isClosed = closed;
		}
		return "NATS " + last + (isClosed ? " (closed)" : " (disconnected, reconnecting)");
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
			onClosed();
			timer.shutdownNow();
		}
	}

	/** A subscription whose unsubscribe is held back while the connection is down. */
	private final class NatsSubscription implements MessageSubscription {

		private final String subject;

		private final MessageHandler handler;

		private volatile boolean active = true;

		private volatile Subscription sub;

		NatsSubscription(String subject, MessageHandler handler) {
			this.subject = subject;
			this.handler = handler;
		}

		void deliver(io.nats.client.Message msg) {
			if (!active) {
				return;
			}
			try {
				handler.onMessage(new Message(msg.getSubject(), msg.getReplyTo(), msg.getData(), headersOf(msg)));
			}
			catch (RuntimeException ex) {
				logger.error("Message handler for " + subject + " failed on " + msg.getSubject(), ex);
			}
		}

		@Override
		public String subject() {
			return subject;
		}

		@Override
		public void unsubscribe() {
			if (!active) {
				return;
			}
			active = false;
			synchronized (stateLock) {
				if (!up && !closed) {
					// jnats would queue the UNSUB in its outgoing queue, which blocks when full
					heldUnsubscribes.add(this::unsubscribeNow);
					return;
				}
			}
			unsubscribeNow();
		}

		private void unsubscribeNow() {
			Subscription s = sub;
			if (s != null && s.isActive()) {
				try {
					dispatcher.unsubscribe(s);
				}
				catch (IllegalStateException ex) {
					// closed meanwhile
				}
			}
		}
	}
}
