package io.resgate.spring.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The in-process bus: NATS semantics inside one JVM, with no broker. Subject wildcards, queue
 * groups, request-reply with pre-response aware timeouts, and "no responders" are supported.
 * All handlers run on one delivery thread in publish order, as with one NATS connection.
 *
 * <p>A lost connection can be simulated, for tests of how an application copes with NATS faults:
 * {@link #simulateConnectionLoss()} and {@link #simulateReconnect()} behave for every user of this
 * bus as a NATS outage behaves for a {@link NatsMessaging} (see {@link Messaging}).
 */
public final class LocalMessaging implements Messaging {

	private static final Log logger = LogFactory.getLog(LocalMessaging.class);

	/** The default largest payload, as NATS' default. */
	public static final long DEFAULT_MAX_PAYLOAD = 1024 * 1024;

	private final List<LocalSubscription> subscriptions = new CopyOnWriteArrayList<>();

	private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final ExecutorService delivery;

	private final ScheduledExecutorService timer;

	private final RequestTracker tracker;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicBoolean down = new AtomicBoolean();

	private final AtomicInteger queueCounter = new AtomicInteger();

	private final long maxPayload;

	/** A bus with the default maximum payload. */
	public LocalMessaging() {
		this(DEFAULT_MAX_PAYLOAD);
	}

	/**
	 * A bus with a maximum payload.
	 * @param maxPayload the largest payload in bytes
	 */
	public LocalMessaging(long maxPayload) {
		this.maxPayload = maxPayload;
		this.delivery = Executors.newSingleThreadExecutor(daemon("resgate-bus"));
		this.timer = Timers.singleThread("resgate-bus-timer");
		this.tracker = new RequestTracker("_INBOX." + UUID.randomUUID().toString().replace("-", ""), timer);
		subscriptions.add(new LocalSubscription(tracker.inboxWildcard(), null,
				m -> tracker.onReply(m.subject(), m.data())));
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
		checkConnected();
		if (!SubjectMatcher.isValidSubject(subject) || subject.indexOf('*') >= 0 || subject.indexOf('>') >= 0) {
			throw new MessagingException("Invalid subject: " + subject);
		}
		byte[] data = (payload == null) ? new byte[0] : payload.clone();
		if (data.length > maxPayload) {
			throw new MessagingException("Maximum payload exceeded: " + data.length + " > " + maxPayload);
		}
		Message message = new Message(subject, replyTo, data,
				(headers == null || headers.isEmpty()) ? Map.of() : Map.copyOf(headers));
		try {
			delivery.execute(() -> dispatch(message));
		}
		catch (RejectedExecutionException ex) {
			throw new MessagingException("Bus closed", ex);
		}
	}

	private void dispatch(Message message) {
		if (down.get()) {
			return; // lost with the connection
		}
		Map<String, List<LocalSubscription>> groups = null;
		for (LocalSubscription sub : subscriptions) {
			if (!sub.active || !SubjectMatcher.matches(sub.subject, message.subject())) {
				continue;
			}
			if (sub.queueGroup == null) {
				deliver(sub, message);
			}
			else {
				if (groups == null) {
					groups = new HashMap<>();
				}
				groups.computeIfAbsent(sub.queueGroup, g -> new ArrayList<>()).add(sub);
			}
		}
		if (groups != null) {
			for (List<LocalSubscription> members : groups.values()) {
				deliver(members.get(Math.floorMod(queueCounter.getAndIncrement(), members.size())), message);
			}
		}
	}

	private void deliver(LocalSubscription sub, Message message) {
		try {
			sub.handler.onMessage(message);
		}
		catch (RuntimeException ex) {
			logger.error("Message handler for " + sub.subject + " failed on " + message.subject(), ex);
		}
	}

	private boolean hasSubscriber(String subject) {
		for (LocalSubscription sub : subscriptions) {
			if (sub.active && SubjectMatcher.matches(sub.subject, subject)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public MessageSubscription subscribe(String subject, String queueGroup, MessageHandler handler) {
		checkOpen();
		if (!SubjectMatcher.isValidSubject(subject)) {
			throw new MessagingException("Invalid subject: " + subject);
		}
		LocalSubscription sub = new LocalSubscription(subject, queueGroup, handler);
		subscriptions.add(sub);
		return sub;
	}

	@Override
	public CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout) {
		return request(subject, payload, timeout, Map.of());
	}

	@Override
	public CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout,
			Map<String, String> headers) {
		checkOpen();
		String replyTo = tracker.nextReplySubject();
		CompletableFuture<byte[]> future = tracker.register(replyTo, subject, timeout);
		try {
			if (!down.get() && !hasSubscriber(subject)) {
				delivery.execute(() -> tracker.onNoResponders(replyTo));
				return future;
			}
			publish(subject, replyTo, payload, headers);
		}
		catch (MessagingException ex) {
			try {
				delivery.execute(() -> tracker.fail(replyTo, ex));
			}
			catch (RejectedExecutionException closing) {
				tracker.fail(replyTo, ex);
			}
		}
		return future;
	}

	@Override
	public String newInbox() {
		return "_INBOX." + UUID.randomUUID().toString().replace("-", "");
	}

	@Override
	public void addConnectionListener(ConnectionListener listener) {
		listeners.add(listener);
	}

	@Override
	public boolean isConnected() {
		return !closed.get() && !down.get();
	}

	/**
	 * Simulates the loss of the messaging connection: until {@link #simulateReconnect()}, publishes
	 * and requests fail at once with {@link MessagingUnavailableException} and nothing is delivered;
	 * requests in flight fail at once; listeners are told {@link ConnectionEvent#DISCONNECTED}
	 * (once, on the calling thread). Subscriptions stay.
	 */
	public void simulateConnectionLoss() {
		if (closed.get() || !down.compareAndSet(false, true)) {
			return;
		}
		tracker.failAll(new MessagingUnavailableException("Bus connection lost"));
		fire(ConnectionEvent.DISCONNECTED);
	}

	/**
	 * Ends a simulated connection loss: listeners are told {@link ConnectionEvent#RECONNECTED} (on
	 * the calling thread). Messages published during the loss stay lost.
	 */
	public void simulateReconnect() {
		if (closed.get() || !down.compareAndSet(true, false)) {
			return;
		}
		fire(ConnectionEvent.RECONNECTED);
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
	public long maxPayload() {
		return maxPayload;
	}

	@Override
	public String describe() {
		return "in-process bus";
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			tracker.failAll(new MessagingException("Bus closed"));
			delivery.shutdown();
			timer.shutdownNow();
			fire(ConnectionEvent.CLOSED);
		}
	}

	private void checkOpen() {
		if (closed.get()) {
			throw new MessagingException("Bus closed");
		}
	}

	private void checkConnected() {
		checkOpen();
		if (down.get()) {
			throw new MessagingUnavailableException("Bus connection is down");
		}
	}

	static ThreadFactory daemon(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		};
	}

	private final class LocalSubscription implements MessageSubscription {

		final String subject;

		final String queueGroup;

		final MessageHandler handler;

		volatile boolean active = true;

		LocalSubscription(String subject, String queueGroup, MessageHandler handler) {
			this.subject = subject;
			this.queueGroup = (queueGroup == null || queueGroup.isEmpty()) ? null : queueGroup;
			this.handler = handler;
		}

		@Override
		public String subject() {
			return subject;
		}

		@Override
		public void unsubscribe() {
			active = false;
			subscriptions.remove(this);
		}
	}
}
