package io.resgate.spring.messaging;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Timers for request deadlines and delayed work. Most such tasks are cancelled long before they
 * are due (a request answered in a millisecond cancels its 3 s timeout), so the timers remove a
 * task from their queue when it is cancelled instead of keeping it until it would have run.
 */
public final class Timers {

	private Timers() {
	}

	/**
	 * Creates a timer with one daemon thread.
	 * @param name the thread's name
	 * @return the timer
	 */
	public static ScheduledExecutorService singleThread(String name) {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}
}
