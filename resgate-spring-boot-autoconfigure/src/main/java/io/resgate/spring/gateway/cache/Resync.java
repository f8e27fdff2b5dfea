package io.resgate.spring.gateway.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resynchronization of the cache with the services when incoming messages may have been lost: every
 * cached resource is fetched again and access re-checked, as after a {@code system.reset} matching
 * everything. After the messaging connection is back, for the settling time a request nobody answers
 * counts as {@code system.serviceUnavailable} (services may still be reconnecting), and groups that
 * could not be fetched again for that reason are retried with a growing delay, until the connection is
 * lost again.
 */
final class Resync {

	private static final long FIRST_RETRY_MILLIS = 250;

	private static final long LAST_RETRY_MILLIS = 4000;

	private final ScheduledExecutorService timer;

	private final int resetThrottle;

	private final Supplier<List<ResourceGroup>> groups;

	private final Predicate<ResourceGroup> cached;

	private final Object lock = new Object();

	private volatile long settleUntil = System.nanoTime();

	// Guarded by lock
	private final Set<ResourceGroup> unsynced = new HashSet<>();

	private ScheduledFuture<?> retry;

	private long retryMillis = FIRST_RETRY_MILLIS;

	private boolean connected = true;

	/**
	 * @param timer the timer of the retries
	 * @param resetThrottle the largest number of get requests in flight for one resynchronization, 0 for no limit
	 * @param groups a snapshot of the cached resource groups
	 * @param cached whether a group is still the cached one of its name
	 */
	Resync(ScheduledExecutorService timer, int resetThrottle, Supplier<List<ResourceGroup>> groups,
			Predicate<ResourceGroup> cached) {
		this.timer = timer;
		this.resetThrottle = resetThrottle;
		this.groups = groups;
		this.cached = cached;
	}

	/** The messaging connection is lost: retries stop until it is back. */
	void onConnectionLost() {
		synchronized (lock) {
			connected = false;
			cancelRetryLocked();
		}
	}

	/**
	 * The messaging connection is back: everything is resynchronized, and the settling time starts.
	 * @param settle how long services may take to come back
	 */
	void onReconnected(Duration settle) {
		settleUntil = System.nanoTime() + Math.max(0, settle.toNanos());
		synchronized (lock) {
			connected = true;
			retryMillis = FIRST_RETRY_MILLIS;
			unsynced.clear();
			cancelRetryLocked();
		}
		all();
	}

	/** @return whether the cache is in the settling time after a reconnect */
	boolean isSettling() {
		return System.nanoTime() - settleUntil < 0;
	}

	/** Re-fetches every cached resource and re-checks access of every subscription. */
	void all() {
		Throttle t = Throttle.ofLimit(resetThrottle);
		for (ResourceGroup g : groups.get()) {
			g.resetResources(t);
			g.resetAccess(t);
		}
	}

	/**
	 * Schedules another resynchronization of a group whose resources or access could not be checked
	 * because the services were unavailable.
	 * @param g the group
	 */
	void later(ResourceGroup g) {
		synchronized (lock) {
			if (!connected || !cached.test(g) || !unsynced.add(g) || retry != null) {
				return;
			}
			long delay = retryMillis;
			retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
			try {
				retry = timer.schedule(this::retryUnsynced, delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				unsynced.clear(); // shutting down
			}
		}
	}

	private void retryUnsynced() {
		List<ResourceGroup> list;
		synchronized (lock) {
			retry = null;
			list = new ArrayList<>();
			for (ResourceGroup g : unsynced) {
				if (cached.test(g)) {
					list.add(g);
				}
			}
			unsynced.clear();
		}
		Throttle t = Throttle.ofLimit(resetThrottle);
		for (ResourceGroup g : list) {
			g.resetResources(t);
			g.resetAccess(t);
		}
	}

	private void cancelRetryLocked() {
		if (retry != null) {
			retry.cancel(false);
			retry = null;
		}
		unsynced.clear();
	}
}
