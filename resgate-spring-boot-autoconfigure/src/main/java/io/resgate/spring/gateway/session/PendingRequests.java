package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests adding a direct subscription of a resource (subscribe, get, resource responses)
 * that are not answered yet, and what waits for them: an unsubscribe request takes effect after
 * the subscribe requests sent before it. Confined to the connection's serial context.
 */
final class PendingRequests {

	private int pending;

	private List<Runnable> waiting;

	/** Counts a request until {@link #answered()}. */
	void add() {
		pending++;
	}

	/** Uncounts an answered request; once none is pending, runs what waited for them. */
	void answered() {
		if (--pending > 0 || waiting == null) {
			return;
		}
		List<Runnable> tasks = waiting;
		waiting = null;
		tasks.forEach(Runnable::run);
	}

	/**
	 * Runs a task once no request is pending, at once if none is.
	 * @param task the task
	 */
	void whenAnswered(Runnable task) {
		if (pending == 0) {
			task.run();
			return;
		}
		if (waiting == null) {
			waiting = new ArrayList<>(2);
		}
		waiting.add(task);
	}

	/**
	 * Forgets the requests, which are dropped unanswered with their subscription, and hands over what
	 * waited for them.
	 * @return the tasks that waited, or {@code null}
	 */
	List<Runnable> drop() {
		List<Runnable> tasks = waiting;
		waiting = null;
		pending = 0;
		return tasks;
	}
}
