package io.resgate.spring.gateway.cache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Subjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The cached resource groups by resource name: each counts its uses, holds one
 * {@code event.<name>.*} subscription, and is released (its events unsubscribed) once it has been
 * unused for the unsubscribe delay. Its lock ("the cache's lock") covers the map, the counts and the
 * release queue only.
 *
 * <p>The release queue: with one delay for all groups, groups fall due in the order they become
 * unused, so they wait in a plain FIFO queue, and one timer task at a time is scheduled, for the
 * earliest (no timer task per group, which cost a timer heap operation and an allocation per cold
 * get). A group used and let go again while it waits is checked when its turn comes and then waits the
 * rest of its delay in a second queue ordered by due time.
 */
final class ResourceGroups {

	private static final Log logger = LogFactory.getLog(ResourceGroups.class);

	private final ResourceCache cache;

	private final Messaging messaging;

	private final ScheduledExecutorService timer;

	private final Duration unsubscribeDelay;

	private final Object lock = new Object();

	// Guarded by lock
	private final Map<String, ResourceGroup> groups = new HashMap<>();

	private final List<Consumer<String>> releaseListeners = new CopyOnWriteArrayList<>();

	// Guarded by lock: the release queue
	private final ArrayDeque<ResourceGroup> releaseQueue = new ArrayDeque<>();

	private final PriorityQueue<ResourceGroup> releaseLater = new PriorityQueue<>(
			Comparator.comparingLong((ResourceGroup g) -> g.releaseDue));

	private ScheduledFuture<?> sweep;

	private long sweepAt;

	/**
	 * @param cache the cache the groups belong to
	 * @param messaging the messaging system
	 * @param timer the timer for delayed releases
	 * @param unsubscribeDelay how long an unused group stays cached
	 */
	ResourceGroups(ResourceCache cache, Messaging messaging, ScheduledExecutorService timer, Duration unsubscribeDelay) {
		this.cache = cache;
		this.messaging = messaging;
		this.timer = timer;
		this.unsubscribeDelay = unsubscribeDelay;
	}

	/** Forgets all groups and ends their event subscriptions. */
	void clear() {
		synchronized (lock) {
			for (ResourceGroup g : groups.values()) {
				g.releaseQueued = false;
				unsubscribeEvents(g);
			}
			groups.clear();
			releaseQueue.clear();
			releaseLater.clear();
			if (sweep != null) {
				sweep.cancel(false);
				sweep = null;
			}
		}
	}

	void addReleaseListener(Consumer<String> listener) {
		releaseListeners.add(listener);
	}

	/** @return the number of cached resource names */
	int size() {
		synchronized (lock) {
			return groups.size();
		}
	}

	/**
	 * @param name the resource name
	 * @return whether the name is cached with an event subscription
	 */
	boolean isCached(String name) {
		synchronized (lock) {
			ResourceGroup g = groups.get(name);
			return g != null && g.eventSubscription != null;
		}
	}

	/**
	 * @param name the resource name
	 * @return the cached resource of the name without a query, or {@code null}
	 */
	CachedResource base(String name) {
		synchronized (lock) {
			ResourceGroup g = groups.get(name);
			return (g == null) ? null : g.base;
		}
	}

	/** @return a snapshot of all groups */
	List<ResourceGroup> all() {
		synchronized (lock) {
			return new ArrayList<>(groups.values());
		}
	}

	/**
	 * @param g a group
	 * @return whether it is still the cached group of its name
	 */
	boolean isCurrent(ResourceGroup g) {
		synchronized (lock) {
			return groups.get(g.name) == g;
		}
	}

	/**
	 * Takes one use of the group of a name, created if needed.
	 * @param name the resource name
	 * @param subscribeEvents whether to subscribe its events if not yet subscribed
	 * @return the group
	 * @throws ResException if its events could not be subscribed (the use is given back)
	 */
	ResourceGroup group(String name, boolean subscribeEvents) {
		ResourceGroup g;
		synchronized (lock) {
			g = groups.get(name);
			if (g == null) {
				g = new ResourceGroup(name, cache);
				g.count = 1;
				groups.put(name, g);
			}
			else {
				// a queued release stays: it finds the group in use and lets it be
				g.count++;
			}
		}
		if (subscribeEvents && g.eventSubscription == null) {
			subscribeEvents(g);
		}
		return g;
	}

	/**
	 * Subscribes the events of a group the caller holds a count of, once. Outside the cache's lock (a
	 * messaging subscribe is no short step, and requests on other resources need that lock), under the
	 * group's own, so that no caller goes on to get a resource of the group before its events are
	 * subscribed. The group's lock is never held while taking the cache's.
	 */
	private void subscribeEvents(ResourceGroup g) {
		// one token after the name, as Resgate: events of test.model.parent are not events of test.model
		String subject = Subjects.event(g.name, "*");
		ResError failed = null;
		if (Subjects.isTooLong(subject)) {
			failed = ResError.SUBJECT_TOO_LONG;
		}
		else {
			synchronized (g.subscribing) {
				if (g.eventSubscription == null) {
					try {
						g.eventSubscription = messaging.subscribe(subject, g::onEventMessage);
					}
					catch (RuntimeException ex) {
						failed = ResError.internalError(ex.getMessage());
					}
				}
			}
		}
		if (failed != null) {
			removeCount(g, 1);
			throw new ResException(failed);
		}
	}

	void removeCount(ResourceGroup g, long n) {
		boolean released;
		synchronized (lock) {
			released = removeCountLocked(g, n);
		}
		if (released) {
			released(g);
		}
	}

	/** @return whether the group was released: its events are to be unsubscribed once the lock is released */
	private boolean removeCountLocked(ResourceGroup g, long n) {
		g.count -= n;
		if (g.count == 0 && n != 0) {
			if (unsubscribeDelay.isZero() || unsubscribeDelay.isNegative()) {
				return releaseLocked(g);
			}
			g.unusedSince = System.nanoTime();
			if (!g.releaseQueued) {
				g.releaseQueued = true;
				g.releaseDue = g.unusedSince + unsubscribeDelay.toNanos();
				releaseQueue.addLast(g);
				if (!sweepBy(g.releaseDue)) { // shutting down
					releaseQueue.pollLast();
					g.releaseQueued = false;
					return releaseLocked(g);
				}
			}
		}
		return false;
	}

	/**
	 * Makes sure the release queue is swept by the time given; must hold the lock.
	 * @return false if the timer takes no more tasks (the gateway is stopping)
	 */
	private boolean sweepBy(long due) {
		if (sweep != null && sweepAt <= due) {
			return true;
		}
		try {
			if (sweep != null) {
				sweep.cancel(false);
			}
			sweepAt = due;
			sweep = timer.schedule(this::sweep, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			sweep = null;
			return false;
		}
	}

	/** Releases the queued groups that are due and still unused; the timer's task. */
	private void sweep() {
		List<ResourceGroup> released = new ArrayList<>();
		synchronized (lock) {
			sweep = null;
			long now = System.nanoTime();
			ResourceGroup g;
			while ((g = nextDue(now)) != null) {
				g.releaseQueued = false;
				if (g.count > 0 || groups.get(g.name) != g) {
					continue; // in use again (queued anew when let go) or gone
				}
				long due = g.unusedSince + unsubscribeDelay.toNanos();
				if (due - now > 0) { // used and let go again while it waited
					g.releaseQueued = true;
					g.releaseDue = due;
					releaseLater.add(g);
				}
				else if (releaseLocked(g)) {
					released.add(g);
				}
			}
			ResourceGroup next = earliest();
			if (next != null) {
				sweepBy(next.releaseDue);
			}
		}
		for (ResourceGroup g : released) {
			released(g);
		}
	}

	/** @return the queued group due first, or {@code null} if none waits */
	private ResourceGroup earliest() {
		ResourceGroup first = releaseQueue.peekFirst();
		ResourceGroup later = releaseLater.peek();
		if (first == null || later == null) {
			return (first != null) ? first : later;
		}
		return (first.releaseDue - later.releaseDue <= 0) ? first : later;
	}

	/** @return the queued group due first if it is due by {@code now}, taken off its queue; or {@code null} */
	private ResourceGroup nextDue(long now) {
		ResourceGroup g = earliest();
		if (g == null || g.releaseDue - now > 0) {
			return null;
		}
		return (g == releaseQueue.peekFirst()) ? releaseQueue.pollFirst() : releaseLater.poll();
	}

	/**
	 * Removes an unused group from the cache; must hold the lock.
	 * @return whether it was removed: then call {@link #released} once the lock is released
	 */
	private boolean releaseLocked(ResourceGroup g) {
		if (g.count > 0 || groups.get(g.name) != g) {
			return false;
		}
		groups.remove(g.name);
		return true;
	}

	/**
	 * Ends the event subscription of a group removed from the cache, outside the cache's lock; no one
	 * holds the group any more, so nothing subscribes it again.
	 */
	private void released(ResourceGroup g) {
		if (!unsubscribeEvents(g)) {
			return;
		}
		for (Consumer<String> l : releaseListeners) {
			try {
				l.accept(g.name);
			}
			catch (RuntimeException ex) {
				logger.debug("Release listener failed", ex);
			}
		}
	}

	/** @return whether the group had an event subscription, now ended */
	private boolean unsubscribeEvents(ResourceGroup g) {
		MessageSubscription s;
		synchronized (g.subscribing) {
			s = g.eventSubscription;
			g.eventSubscription = null;
		}
		if (s == null) {
			return false;
		}
		try {
			s.unsubscribe();
		}
		catch (RuntimeException ex) {
			logger.debug("Unsubscribing " + g.name + " failed", ex);
		}
		return true;
	}
}
