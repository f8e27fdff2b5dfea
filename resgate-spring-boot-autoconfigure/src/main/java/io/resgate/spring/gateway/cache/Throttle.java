package io.resgate.spring.gateway.cache;

import java.util.ArrayDeque;

/**
 * Limits how many requests of one batch (a system reset, the references of a subscription) are in
 * flight at once. Thread-safe.
 */
public final class Throttle {

	private final int limit;

	private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

	private int active;

	/**
	 * Creates a throttle.
	 * @param limit the largest number of tasks running at once
	 */
	public Throttle(int limit) {
		this.limit = limit;
	}

	/**
	 * Creates a throttle, or returns {@code null} when there is no limit.
	 * @param limit the limit, 0 or less for none
	 * @return the throttle or {@code null}
	 */
	public static Throttle ofLimit(int limit) {
		return (limit > 0) ? new Throttle(limit) : null;
	}

	/**
	 * Starts a task now, or once a running one is {@link #done()}.
	 * @param task the task; it must call {@link #done()} when finished
	 */
	public void add(Runnable task) {
		synchronized (this) {
			if (active >= limit) {
				waiting.add(task);
				return;
			}
			active++;
		}
		task.run();
	}

	/** Marks a task as finished, starting a waiting one. */
	public void done() {
		Runnable next;
		synchronized (this) {
			next = waiting.poll();
			if (next == null) {
				active--;
				return;
			}
		}
		next.run();
	}
}
