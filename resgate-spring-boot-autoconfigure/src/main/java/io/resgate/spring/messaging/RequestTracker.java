package io.resgate.spring.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.resgate.spring.protocol.PreResponse;

/**
 * Tracks outstanding requests on one inbox wildcard subscription: matches replies to requests,
 * honours pre-responses by moving the deadline, and fails requests on timeout or no responders.
 *
 * <p>Deadlines cost no timer task per request: one check, scheduled for the earliest deadline of
 * the requests in flight, fails those past theirs and schedules itself for the next. Most requests
 * are answered long before their deadline, and then nothing is scheduled or cancelled for them.
 */
final class RequestTracker {

	private final String inboxPrefix;

	private final ScheduledExecutorService timer;

	private final AtomicLong counter = new AtomicLong();

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Object checkLock = new Object();

	/** The scheduled deadline check, or {@code null} when none is; guarded by checkLock. */
	private ScheduledFuture<?> check;

	/** When the scheduled check runs ({@link System#nanoTime()}); guarded by checkLock. */
	private long checkAt;

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
		Pending p = new Pending(subject, deadline(timeout));
		pending.put(replyTo, p);
		checkBy(p.deadline);
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
			PreResponse.timeout(data).ifPresent(t -> {
				long d = deadline(t);
				p.deadline = d;
				checkBy(d);
			});
			return;
		}
		if (pending.remove(replyTo, p)) {
			p.future.complete(data);
		}
	}

	void onNoResponders(String replyTo) {
		fail(replyTo, null);
	}

	void fail(String replyTo, RuntimeException error) {
		Pending p = pending.remove(replyTo);
		if (p != null) {
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

	private static long deadline(Duration timeout) {
		return System.nanoTime() + Math.max(0, timeout.toNanos());
	}

	/** Makes sure a deadline check runs at {@code deadline} or earlier. */
	private void checkBy(long deadline) {
		synchronized (checkLock) {
			if (check != null && checkAt - deadline <= 0) {
				return;
			}
			if (check != null) {
				check.cancel(false);
			}
			scheduleCheckLocked(deadline);
		}
	}

	private void scheduleCheckLocked(long at) {
		try {
			check = timer.schedule(this::checkDeadlines, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
			checkAt = at;
		}
		catch (RejectedExecutionException ex) {
			check = null; // closing: the requests in flight are failed by the close
		}
	}

	/** Fails the requests past their deadline, and schedules the check for the earliest other one. */
	private void checkDeadlines() {
		synchronized (checkLock) {
			// a request registered from now on schedules its own check if it needs an earlier one
			check = null;
		}
		long now = System.nanoTime();
		long next = 0;
		boolean any = false;
		for (Map.Entry<String, Pending> e : pending.entrySet()) {
			Pending p = e.getValue();
			long d = p.deadline;
			if (d - now <= 0) {
				if (pending.remove(e.getKey(), p)) {
					p.future.completeExceptionally(new RequestTimeoutException(p.subject));
				}
			}
			else if (!any || d - next < 0) {
				next = d;
				any = true;
			}
		}
		if (any) {
			checkBy(next);
		}
	}

	private static final class Pending {

		final String subject;

		final CompletableFuture<byte[]> future = new CompletableFuture<>();

		volatile long deadline;

		Pending(String subject, long deadline) {
			this.subject = subject;
			this.deadline = deadline;
		}
	}
}
