package io.resgate.spring.service.runtime;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the requests a service answered, by request type and outcome, for monitoring.
 * Counting is one uncontended add with no allocation; meter registries read the totals when they poll.
 */
public final class ServiceStats {

	/** The request types counted, as in the request subject. */
	public static final List<String> REQUEST_TYPES = List.of("access", "get", "call", "auth");

	private final LongAdder[] succeeded = adders();

	private final LongAdder[] failed = adders();

	private static LongAdder[] adders() {
		LongAdder[] a = new LongAdder[RequestType.values().length];
		for (int i = 0; i < a.length; i++) {
			a[i] = new LongAdder();
		}
		return a;
	}

	void answered(RequestType type, boolean success) {
		(success ? succeeded : failed)[type.ordinal()].increment();
	}

	/**
	 * @param type the request type, one of {@link #REQUEST_TYPES}
	 * @param success whether to count the requests answered with a result (or resource) rather than an error
	 * @return the number of such requests answered so far
	 * @throws IllegalArgumentException for an unknown type
	 */
	public long requests(String type, boolean success) {
		RequestType t = RequestType.fromWire(type);
		if (t == null) {
			throw new IllegalArgumentException("Unknown request type: " + type);
		}
		return (success ? succeeded : failed)[t.ordinal()].sum();
	}
}
