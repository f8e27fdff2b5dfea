package io.resgate.spring.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.resgate.spring.protocol.PreResponse;

/**
 * Tracks outstanding requests on one inbox wildcard subscription: matches replies to requests,
 * honours pre-responses by moving the deadline, and fails requests on timeout or no responders.
 */
final class RequestTracker {

	private final String inboxPrefix;

	private final ScheduledExecutorService timer;

	private final AtomicLong counter = new AtomicLong();

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	RequestTracker(String inboxPrefix, ScheduledExecutorService timer) {
		this.inboxPrefix = inboxPrefix.endsWith(".") ? inboxPrefix : inboxPrefix + ".";
		this.timer = timer;
	}

	/** @return the wildcard subject to subscribe for replies */
	String inboxWildcard() {
		return inboxPrefix + "*";
	}

	/** @return a reply subject for a new request */
	String nextReplySubject() {
		return inboxPrefix + Long.toString(counter.incrementAndGet(), 36);
	}

	CompletableFuture<byte[]> register(String replyTo, String subject, Duration timeout) {
		Pending p = new Pending(subject);
		pending.put(replyTo, p);
		p.schedule(replyTo, timeout);
		return p.future;
	}

	/**
	 * Handles a message on the inbox.
	 * @param replyTo the inbox subject the message arrived on
	 * @param data the payload
	 */
	void onReply(String replyTo, byte[] data) {
		Pending p = pending.get(replyTo);
		if (p == null) {
			return;
		}
		if (PreResponse.isPreResponse(data)) {
			PreResponse.timeout(data).ifPresent(t -> p.schedule(replyTo, t));
			return;
		}
		if (pending.remove(replyTo, p)) {
			p.cancelTimer();
			p.future.complete(data);
		}
	}

	void onNoResponders(String replyTo) {
		fail(replyTo, null);
	}

	void fail(String replyTo, RuntimeException error) {
		Pending p = pending.remove(replyTo);
		if (p != null) {
			p.cancelTimer();
			p.future.completeExceptionally((error != null) ? error : new NoRespondersException(p.subject));
		}
	}

	void failAll(RuntimeException error) {
		for (String key : new ArrayList<>(pending.keySet())) {
			fail(key, error);
		}
	}

	int size() {
		return pending.size();
	}

	private final class Pending {

		final String subject;

		final CompletableFuture<byte[]> future = new CompletableFuture<>();

		private ScheduledFuture<?> timeout;

		Pending(String subject) {
			this.subject = subject;
		}

		synchronized void schedule(String replyTo, Duration d) {
			cancelTimer();
			timeout = timer.schedule(() -> {
				if (pending.remove(replyTo, this)) {
					future.completeExceptionally(new RequestTimeoutException(subject));
				}
			}, Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
		}

		synchronized void cancelTimer() {
			if (timeout != null) {
				timeout.cancel(false);
			}
		}
	}
}
