package io.resgate.spring.gateway.session;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the gateway's client traffic, for monitoring: requests by type and outcome, and events
 * sent to clients. Counting is one uncontended add, with no allocation, so the hot paths stay cheap; meter
 * registries read the totals when they poll.
 */
public final class GatewayStats {

	/** The request types counted, as in the client's request method ({@code invalid}: not understood). */
	public static final List<String> REQUEST_TYPES = List.of("get", "subscribe", "unsubscribe", "call", "auth",
			"new", "version", "invalid");

	private final LongAdder[] succeeded = adders();

	private final LongAdder[] failed = adders();

	private final LongAdder eventsSent = new LongAdder();

	private final LongAdder eventsConflated = new LongAdder();

	private static LongAdder[] adders() {
		LongAdder[] a = new LongAdder[REQUEST_TYPES.size()];
		for (int i = 0; i < a.length; i++) {
			a[i] = new LongAdder();
		}
		return a;
	}

	private static int index(String type) {
		return switch (type) {
			case "get" -> 0;
			case "subscribe" -> 1;
			case "unsubscribe" -> 2;
			case "call" -> 3;
			case "auth" -> 4;
			case "new" -> 5;
			case "version" -> 6;
			default -> 7;
		};
	}

	/**
	 * Counts an answered client request.
	 * @param type the request type, such as {@code subscribe}; others count as {@code invalid}
	 * @param success whether it was answered with a result rather than an error
	 */
	public void request(String type, boolean success) {
		(success ? succeeded : failed)[index(type)].increment();
	}

	/** Counts an event sent to a client. */
	public void eventSent() {
		eventsSent.increment();
	}

	/** Counts an event not queued as it is for a client that fell behind, but conflated. */
	public void eventConflated() {
		eventsConflated.increment();
	}

	/**
	 * @param type the request type, one of {@link #REQUEST_TYPES}
	 * @param success whether to count the requests answered with a result or those answered with an error
	 * @return the number of such requests answered so far
	 */
	public long requests(String type, boolean success) {
		return (success ? succeeded : failed)[index(type)].sum();
	}

	/** @return the number of events sent to clients so far */
	public long eventsSent() {
		return eventsSent.sum();
	}

	/**
	 * @return the number of events so far that were not queued as they are for a client that fell
	 * behind, but conflated with later ones into the difference to the cache's state
	 */
	public long eventsConflated() {
		return eventsConflated.sum();
	}
}
