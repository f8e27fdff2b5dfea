package io.resgate.spring.gateway.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
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
 * unused for the unsubscribe delay. Its lock ("the cache's lock") covers the map and the counts only.
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
				if (g.release != null) {
					g.release.cancel(false);
					g.release = null;
				}
				unsubscribeEvents(g);
			}
			groups.clear();
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
				// a pending release timer stays: it finds the group in use and lets it be
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
			if (g.release == null) {
				scheduleRelease(g, unsubscribeDelay.toNanos());
			}
		}
		return false;
	}

	/**
	 * Releases the group once it has been unused for the unsubscribe delay. One timer per group at a
	 * time: a group that is used and let go again and again (as by get requests) is not scheduled
	 * anew each time; the timer checks when it fires, and waits the rest of the delay if needed.
	 */
	private void scheduleRelease(ResourceGroup g, long delayNanos) {
		try {
			g.release = timer.schedule(() -> {
				boolean released = false;
				synchronized (lock) {
					if (g.release == null || groups.get(g.name) != g) {
						return;
					}
					g.release = null;
					if (g.count > 0) {
						return;
					}
					long left = unsubscribeDelay.toNanos() - (System.nanoTime() - g.unusedSince);
					if (left > 0) {
						scheduleRelease(g, left);
					}
					else {
						released = releaseLocked(g);
					}
				}
				if (released) {
					released(g);
				}
			}, delayNanos, TimeUnit.NANOSECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			if (releaseLocked(g)) { // shutting down
				unsubscribeEvents(g);
			}
		}
	}

	/**
	 * Removes an unused group from the cache; must hold the lock.
	 * @return whether it was removed: then call {@link #released} once the lock is released
	 */
	private boolean releaseLocked(ResourceGroup g) {
		if (g.count > 0 || groups.get(g.name) != g) {
			return false;
		}
		g.release = null;
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
