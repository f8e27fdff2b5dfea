package io.resgate.spring.gateway.session;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of the gateway's client traffic, for monitoring: requests by type, outcome and transport,
 * events sent to clients, conflated or resynchronised for clients that fell behind, and clients closed for
 * not reading. Counting is one uncontended add, with no allocation, so the hot paths stay cheap; meter
 * registries read the totals when they poll. Request durations go to the {@link Recorder}s added (such as
 * Micrometer timers); with none, they are not even measured.
 */
public final class GatewayStats {

	/** The request types counted, as in the client's request method ({@code invalid}: not understood). */
	public static final List<String> REQUEST_TYPES = List.of("get", "subscribe", "unsubscribe", "call", "auth",
			"new", "version", "invalid");

	/** The transports a client request comes over: the RES-Client protocol, or the HTTP API. */
	public static final List<String> TRANSPORTS = List.of("websocket", "http");

	/**
	 * Receives the duration of every client request. Called on the thread that answers the request: must be
	 * fast and must not block.
	 */
	@FunctionalInterface
	public interface Recorder {

		/**
		 * Records one answered client request.
		 * @param type index in {@link #REQUEST_TYPES}
		 * @param success whether it was answered with a result rather than an error
		 * @param transport index in {@link #TRANSPORTS}
		 * @param nanos the time from handling the request to answering it
		 */
		void clientRequest(int type, boolean success, int transport, long nanos);
	}

	private static final Recorder[] NONE = new Recorder[0];

	private static final int WEBSOCKET = 0;

	private static final int HTTP = 1;

	private final LongAdder[] succeeded = adders(REQUEST_TYPES.size() * TRANSPORTS.size());

	private final LongAdder[] failed = adders(REQUEST_TYPES.size() * TRANSPORTS.size());

	private final LongAdder eventsSent = new LongAdder();

	private final LongAdder eventsConflated = new LongAdder();

	private final LongAdder resyncs = new LongAdder();

	private final LongAdder stalledReadersClosed = new LongAdder();

	private volatile Recorder[] recorders = NONE;

	private static LongAdder[] adders(int n) {
		LongAdder[] a = new LongAdder[n];
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
	 * Adds a recorder of client request durations.
	 * @param recorder the recorder
	 */
	public synchronized void addRecorder(Recorder recorder) {
		Recorder[] r = Arrays.copyOf(recorders, recorders.length + 1);
		r[r.length - 1] = recorder;
		recorders = r;
	}

	/**
	 * Counts an answered WebSocket client request, without its duration.
	 * @param type the request type, such as {@code subscribe}; others count as {@code invalid}
	 * @param success whether it was answered with a result rather than an error
	 */
	public void request(String type, boolean success) {
		count(index(type), success, WEBSOCKET);
	}

	/**
	 * Counts an answered WebSocket client request and records its duration.
	 * @param type the request type, such as {@code subscribe}; others count as {@code invalid}
	 * @param success whether it was answered with a result rather than an error
	 * @param startNanos {@link System#nanoTime()} when the gateway began handling it
	 */
	public void request(String type, boolean success, long startNanos) {
		record(index(type), success, WEBSOCKET, startNanos);
	}

	/**
	 * Counts an answered HTTP API request and records its duration.
	 * @param type the request type: {@code get} or {@code call}; others count as {@code invalid}
	 * @param success whether it was answered with a success status
	 * @param startNanos {@link System#nanoTime()} when the gateway began handling it
	 */
	public void httpRequest(String type, boolean success, long startNanos) {
		record(index(type), success, HTTP, startNanos);
	}

	private void count(int type, boolean success, int transport) {
		(success ? succeeded : failed)[transport * REQUEST_TYPES.size() + type].increment();
	}

	private void record(int type, boolean success, int transport, long startNanos) {
		count(type, success, transport);
		Recorder[] r = recorders;
		if (r.length != 0) {
			long nanos = System.nanoTime() - startNanos;
			for (Recorder recorder : r) {
				recorder.clientRequest(type, success, transport, nanos);
			}
		}
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
	 * Counts a resynchronisation: the events a client that fell behind missed on one resource, replaced by
	 * the difference from what it was last sent to the cache's state.
	 */
	public void resync() {
		resyncs.increment();
	}

	/** Counts a client connection closed because it stopped reading (its write deadline passed). */
	public void stalledReaderClosed() {
		stalledReadersClosed.increment();
	}

	/**
	 * @param type the request type, one of {@link #REQUEST_TYPES}
	 * @param success whether to count the requests answered with a result or those answered with an error
	 * @return the number of such WebSocket requests answered so far
	 */
	public long requests(String type, boolean success) {
		return (success ? succeeded : failed)[index(type)].sum();
	}

	/**
	 * @param type the request type, one of {@link #REQUEST_TYPES}
	 * @param success whether to count the requests answered with a success status or the others
	 * @return the number of such HTTP API requests answered so far
	 */
	public long httpRequests(String type, boolean success) {
		return (success ? succeeded : failed)[REQUEST_TYPES.size() + index(type)].sum();
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

	/** @return the number of resynchronisations of a resource for a client that fell behind so far */
	public long resyncs() {
		return resyncs.sum();
	}

	/** @return the number of client connections closed so far because they stopped reading */
	public long stalledReadersClosed() {
		return stalledReadersClosed.sum();
	}
}
