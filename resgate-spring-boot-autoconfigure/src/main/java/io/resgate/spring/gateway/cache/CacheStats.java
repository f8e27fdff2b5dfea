package io.resgate.spring.gateway.cache;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the cache, for monitoring: resource lookups by result, and the requests the gateway
 * sends to services by type and outcome, whose durations go to the {@link Recorder}s added (such as
 * Micrometer timers). Counting is an uncontended add without allocation; with no recorder, nothing more is
 * done.
 */
public final class CacheStats {

	/** The service request types, as in the subject's first token. */
	public static final List<String> REQUEST_TYPES = List.of("access", "get", "call", "auth");

	/**
	 * The outcomes of a service request: answered with a result ({@code success}) or an error
	 * ({@code error}), no answer in time ({@code timeout}), no service subscribed ({@code no_responders}),
	 * the messaging connection down ({@code unavailable}), or not sent for another reason ({@code failed}).
	 */
	public static final List<String> OUTCOMES = List.of("success", "error", "timeout", "no_responders",
			"unavailable", "failed");

	/**
	 * The results of a resource lookup: served from the cache ({@code hit}), joining a get request in
	 * flight for another client ({@code pending}), or sending a get request ({@code miss}).
	 */
	public static final List<String> LOOKUP_RESULTS = List.of("hit", "pending", "miss");

	static final int SUCCESS = 0;

	static final int ERROR = 1;

	static final int TIMEOUT = 2;

	static final int NO_RESPONDERS = 3;

	static final int UNAVAILABLE = 4;

	static final int FAILED = 5;

	static final int HIT = 0;

	static final int PENDING = 1;

	static final int MISS = 2;

	/**
	 * Receives the duration of every service request. Called on a messaging or timer thread: must be
	 * fast and must not block.
	 */
	@FunctionalInterface
	public interface Recorder {

		/**
		 * Records one service request.
		 * @param type index in {@link #REQUEST_TYPES}
		 * @param outcome index in {@link #OUTCOMES}
		 * @param nanos the time from sending the request to its outcome
		 */
		void serviceRequest(int type, int outcome, long nanos);
	}

	private static final Recorder[] NONE = new Recorder[0];

	private static final byte[] ERROR_KEY = { '"', 'e', 'r', 'r', 'o', 'r', '"' };

	private final LongAdder[] requests = adders(REQUEST_TYPES.size() * OUTCOMES.size());

	private final LongAdder[] lookups = adders(LOOKUP_RESULTS.size());

	private volatile Recorder[] recorders = NONE;

	private static LongAdder[] adders(int n) {
		LongAdder[] a = new LongAdder[n];
		for (int i = 0; i < n; i++) {
			a[i] = new LongAdder();
		}
		return a;
	}

	/**
	 * Adds a recorder of service request durations.
	 * @param recorder the recorder
	 */
	public synchronized void addRecorder(Recorder recorder) {
		Recorder[] r = Arrays.copyOf(recorders, recorders.length + 1);
		r[r.length - 1] = recorder;
		recorders = r;
	}

	/**
	 * The type of a service request subject.
	 * @param subject such as {@code get.example.model}
	 * @return its index in {@link #REQUEST_TYPES}, or -1
	 */
	static int type(String subject) {
		if (subject.length() < 5) {
			return -1;
		}
		return switch (subject.charAt(0)) {
			case 'g' -> 1;
			case 'c' -> 2;
			case 'a' -> (subject.charAt(1) == 'c') ? 0 : 3;
			default -> -1;
		};
	}

	/**
	 * Tells if a service response is an error response: its first member is {@code "error"}. Reads a
	 * few bytes, never allocates.
	 * @param data the response payload
	 * @return whether it is an error
	 */
	static boolean isError(byte[] data) {
		int i = skipSpace(data, 0);
		if (i >= data.length || data[i] != '{') {
			return true; // not a response the gateway can use
		}
		i = skipSpace(data, i + 1);
		if (data.length - i < ERROR_KEY.length) {
			return false;
		}
		for (int k = 0; k < ERROR_KEY.length; k++) {
			if (data[i + k] != ERROR_KEY[k]) {
				return false;
			}
		}
		return true;
	}

	private static int skipSpace(byte[] data, int i) {
		while (i < data.length && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) {
			i++;
		}
		return i;
	}

	/**
	 * Counts a service request and records its duration.
	 * @param subject the request subject
	 * @param outcome index in {@link #OUTCOMES}
	 * @param startNanos {@link System#nanoTime()} when it was sent
	 */
	void serviceRequest(String subject, int outcome, long startNanos) {
		int type = type(subject);
		if (type < 0) {
			return;
		}
		requests[type * OUTCOMES.size() + outcome].increment();
		Recorder[] r = recorders;
		if (r.length != 0) {
			long nanos = System.nanoTime() - startNanos;
			for (Recorder recorder : r) {
				recorder.serviceRequest(type, outcome, nanos);
			}
		}
	}

	/**
	 * Counts a resource lookup.
	 * @param result index in {@link #LOOKUP_RESULTS}
	 */
	void lookup(int result) {
		lookups[result].increment();
	}

	/**
	 * @param type one of {@link #REQUEST_TYPES}
	 * @param outcome one of {@link #OUTCOMES}
	 * @return the number of such service requests so far
	 */
	public long serviceRequests(String type, String outcome) {
		return requests[REQUEST_TYPES.indexOf(type) * OUTCOMES.size() + OUTCOMES.indexOf(outcome)].sum();
	}

	/**
	 * @param result one of {@link #LOOKUP_RESULTS}
	 * @return the number of resource lookups with that result so far
	 */
	public long lookups(String result) {
		return lookups[LOOKUP_RESULTS.indexOf(result)].sum();
	}
}
