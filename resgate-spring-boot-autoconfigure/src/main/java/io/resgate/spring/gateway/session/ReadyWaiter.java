package io.resgate.spring.gateway.session;

import java.util.HashSet;
import java.util.Set;

/**
 * Waits for a subscription and everything it references, recursively, to be loaded: counts the
 * subscriptions still loading, and visits each resource once however references cycle.
 */
final class ReadyWaiter {

	private final Set<String> seen = new HashSet<>();

	private final Runnable callback;

	private int loading;

	ReadyWaiter(Runnable callback) {
		this.callback = callback;
	}

	/**
	 * Starts waiting for a subscription.
	 * @param rid the resource ID
	 */
	void visit(String rid) {
		seen.add(rid);
		loading++;
	}

	/**
	 * @param rid a resource ID
	 * @return whether the resource was visited already
	 */
	boolean visited(String rid) {
		return seen.contains(rid);
	}

	/** A subscription waited for is loaded (with its references visited); calls back when none is left. */
	void loaded() {
		if (--loading == 0) {
			callback.run();
		}
	}
}
