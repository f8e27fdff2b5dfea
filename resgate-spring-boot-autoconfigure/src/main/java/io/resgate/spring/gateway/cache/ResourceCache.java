package io.resgate.spring.gateway.cache;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.AccessResponse;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.ServiceRequest;
import io.resgate.spring.protocol.Subjects;

/**
 * The gateway's resource cache: one entry per resource name and normalized query, one get request
 * in flight however many connections ask, one {@code event.<name>.*} subscription per cached name,
 * and release of a name a short delay after its last user is gone. It also sends the access, call
 * and auth requests (answers are delivered in order with the events of the same resource), and
 * handles {@code system.reset} and {@code system.tokenReset}.
 *
 * <p>Faults: while the messaging connection is down, requests fail at once with
 * {@code system.serviceUnavailable} and the cached resources stay. When it is back
 * ({@link #onReconnected}), every cached resource is fetched again and access re-checked, as after a
 * {@code system.reset}; for a while ("settling") a request nobody answers also counts as
 * {@code system.serviceUnavailable} rather than {@code system.notFound}, as services may still be
 * reconnecting, and resources that could not be fetched again for that reason are retried with a
 * growing delay.
 *
 * <p>The one class of the cache the other packages call; the work is done behind it by
 * {@link ResourceGroups} (the groups by name, their event subscriptions and delayed release),
 * {@link ServiceRequests} (requests to services), {@link SystemEvents} and {@link Resync}.
 *
 * <p>Free of Spring and servlet types. Never blocks a messaging thread: messages are handed to the
 * serial context of their resource group on the given executor.
 */
public final class ResourceCache {

	private final ResCodec codec;

	private final Executor pool;

	private final ResourceGroups groups;

	private final CacheStats stats = new CacheStats();

	private final GatewayObservations observations;

	private final SystemEvents systemEvents;

	private final Resync resync;

	private final ServiceRequests requests;

	/**
	 * Creates a cache.
	 * @param messaging the messaging system
	 * @param codec the codec of the service protocol
	 * @param pool the executor running the serial contexts
	 * @param timer the timer for delayed releases
	 * @param requestTimeout the timeout of service requests
	 * @param unsubscribeDelay how long an unused resource stays cached
	 * @param resetThrottle the largest number of get requests in flight for one system reset, 0 for no limit
	 */
	public ResourceCache(Messaging messaging, ResCodec codec, Executor pool, ScheduledExecutorService timer,
			Duration requestTimeout, Duration unsubscribeDelay, int resetThrottle) {
		this(messaging, codec, pool, timer, requestTimeout, unsubscribeDelay, resetThrottle, GatewayObservations.NONE);
	}

	/**
	 * Creates a cache that observes the requests it sends to services for a client request.
	 * @param messaging the messaging system
	 * @param codec the codec of the service protocol
	 * @param pool the executor running the serial contexts
	 * @param timer the timer for delayed releases
	 * @param requestTimeout the timeout of service requests
	 * @param unsubscribeDelay how long an unused resource stays cached
	 * @param resetThrottle the largest number of get requests in flight for one system reset, 0 for no limit
	 * @param observations the gateway's observations
	 */
	public ResourceCache(Messaging messaging, ResCodec codec, Executor pool, ScheduledExecutorService timer,
			Duration requestTimeout, Duration unsubscribeDelay, int resetThrottle, GatewayObservations observations) {
		this.observations = observations;
		this.codec = codec;
		this.pool = pool;
		this.groups = new ResourceGroups(this, messaging, timer, unsubscribeDelay);
		this.systemEvents = new SystemEvents(messaging, codec, resetThrottle, groups::all);
		this.resync = new Resync(timer, resetThrottle, groups::all, groups::isCurrent);
		this.requests = new ServiceRequests(messaging, codec, requestTimeout, stats, observations, resync::isSettling);
	}

	/** Subscribes to system events. */
	public void start() {
		systemEvents.subscribe();
	}

	/** Unsubscribes from everything and forgets all cached resources. */
	public void stop() {
		systemEvents.unsubscribe();
		clear();
	}

	/** Forgets all cached resources and their event subscriptions, as after a lost messaging connection. */
	public void clear() {
		groups.clear();
	}

	ResCodec codec() {
		return codec;
	}

	Executor pool() {
		return pool;
	}

	GatewayObservations observations() {
		return observations;
	}

	/**
	 * Adds a listener told the resource name whenever a name is released from the cache (its event
	 * subscription ended), for monitoring and tests.
	 * @param listener the listener; must not block
	 */
	public void addReleaseListener(Consumer<String> listener) {
		groups.addReleaseListener(listener);
	}

	/** @return the totals of lookups and service requests, for monitoring */
	public CacheStats stats() {
		return stats;
	}

	/** @return the number of cached resource names, for monitoring and tests */
	public int size() {
		return groups.size();
	}

	/**
	 * Tells if a resource name is cached with an event subscription.
	 * @param name the resource name
	 * @return whether it is cached
	 */
	public boolean isCached(String name) {
		return groups.isCached(name);
	}

	/**
	 * The cached state of a resource without a query, for monitoring and tests.
	 * @param name the resource name
	 * @return the state, or {@code null} if it is not cached or not loaded
	 */
	public ResourceState state(String name) {
		CachedResource r = groups.base(name);
		return (r == null) ? null : r.state();
	}

	/**
	 * Subscribes to a resource: the subscriber's {@link CacheSubscriber#loaded} is called once it is
	 * loaded (at once if cached), or failed.
	 * @param sub the subscriber
	 * @param throttle a throttle for the get request, or {@code null}
	 */
	public void subscribe(CacheSubscriber sub, Throttle throttle) {
		ResourceGroup g;
		try {
			g = groups.group(sub.resourceName(), true);
		}
		catch (ResException ex) {
			sub.loaded(null, ex.getError());
			return;
		}
		g.addSubscriber(sub, throttle);
	}

	/**
	 * Sends an access request.
	 * @param name the resource name
	 * @param query the query, {@code ""} if none
	 * @param cid the connection ID
	 * @param token the connection's token, or {@code null}
	 * @param isHttp whether the request comes over HTTP
	 * @param callback receives the result, in the resource's serial context
	 */
	public void access(String name, String query, String cid, RawJson token, boolean isHttp,
			Consumer<AccessResponse> callback) {
		byte[] payload = codec.encodeRequest(ServiceRequest.access(cid, token, query, isHttp));
		sendRequest(name, Subjects.access(name), payload, requests.accessAnswer(isHttp, callback));
	}

	/**
	 * Sends a call request.
	 * @param name the resource name
	 * @param query the query, {@code ""} if none
	 * @param method the method
	 * @param cid the connection ID
	 * @param token the token, or {@code null}
	 * @param params the parameters, or {@code null}
	 * @param isHttp whether the request comes over HTTP
	 * @param callback receives the result, in the resource's serial context
	 */
	public void call(String name, String query, String method, String cid, RawJson token, RawJson params,
			boolean isHttp, Consumer<CallResponse> callback) {
		byte[] payload = codec.encodeRequest(ServiceRequest.call(cid, token, query, params, isHttp));
		sendRequest(name, Subjects.call(name, method), payload, requests.callAnswer(method, callback));
	}

	/**
	 * Sends an auth request.
	 * @param name the resource name
	 * @param method the method
	 * @param request the payload (see {@link #authRequest})
	 * @param callback receives the result, in the resource's serial context
	 */
	public void auth(String name, String method, ServiceRequest request, Consumer<CallResponse> callback) {
		sendRequest(name, Subjects.auth(name, method), codec.encodeRequest(request), requests.authAnswer(callback));
	}

	/**
	 * Sends an auth request to any subject, as for a system token reset.
	 * @param subject the subject
	 * @param request the payload
	 * @param callback receives the result, on a messaging thread: must not block
	 */
	public void customAuth(String subject, ServiceRequest request, Consumer<CallResponse> callback) {
		requests.request(subject, codec.encodeRequest(request), requests.authAnswer(callback));
	}

	/**
	 * Builds the payload of an auth request.
	 * @param params the parameters, or {@code null} (sent as JSON null)
	 * @param omitParams whether to leave params out (auth requests made by the gateway itself)
	 * @param token the token, or {@code null}
	 * @param query the query, {@code ""} if none
	 * @param cid the connection ID
	 * @param isHttp whether the request comes over HTTP
	 * @param info the client's HTTP request, or {@code null}
	 * @return the payload
	 */
	public static ServiceRequest authRequest(RawJson params, boolean omitParams, RawJson token, String query,
			String cid, boolean isHttp, HttpRequestInfo info) {
		ServiceRequest r = ServiceRequest.call(cid, token, query, params, isHttp);
		if (omitParams) {
			r = r.withoutParams();
		}
		if (info != null) {
			r = r.withHttpRequest(info.header(), info.host(), info.remoteAddr(), info.uri());
		}
		return r;
	}

	byte[] getPayload(String query) {
		return requests.getPayload(query);
	}

	/**
	 * Registers a connection for system token reset events.
	 * @param conn the connection
	 */
	public void addConnection(CacheConnection conn) {
		systemEvents.addConnection(conn);
	}

	/**
	 * Unregisters a connection.
	 * @param conn the connection
	 */
	public void removeConnection(CacheConnection conn) {
		systemEvents.removeConnection(conn);
	}

	/**
	 * Tells the cache that the messaging connection is lost: retries of resynchronization stop
	 * until it is back. Cached resources stay.
	 */
	public void onConnectionLost() {
		resync.onConnectionLost();
	}

	/**
	 * Tells the cache that the messaging connection is back: every cached resource is fetched again
	 * and access re-checked ({@link #resync()}), and for the settling time a request nobody answers
	 * counts as {@code system.serviceUnavailable}.
	 * @param settle how long services may take to come back
	 */
	public void onReconnected(Duration settle) {
		resync.onReconnected(settle);
	}

	/**
	 * Schedules another resynchronization of a group whose resources or access could not be checked
	 * because the services were unavailable.
	 * @param g the group
	 */
	void resyncLater(ResourceGroup g) {
		resync.later(g);
	}

	/**
	 * Re-fetches every cached resource and re-checks access of every subscription, as a system reset
	 * matching everything: used when incoming messages may have been lost.
	 */
	public void resync() {
		resync.all();
	}

	void removeCount(ResourceGroup g, long n) {
		groups.removeCount(g, n);
	}

	/**
	 * Sends a request for one connection; its answer is handled in the group's serial context, on the
	 * messaging thread that received it if the group is idle: it goes on to that one connection.
	 */
	private void sendRequest(String name, String subject, byte[] payload, BiConsumer<byte[], ResError> callback) {
		ResourceGroup g = groups.group(name, false);
		requests.request(subject, payload, (data, err) -> g.enqueueNow(() -> {
			try {
				callback.accept(data, err);
			}
			finally {
				g.removeCount(1);
			}
		}));
	}

	/**
	 * Sends a request; the callback gets the payload or the RES error (see {@link ServiceRequests#request}).
	 * @param subject the subject
	 * @param payload the payload
	 * @param callback the callback, called on a messaging thread or the caller's
	 */
	void request(String subject, byte[] payload, BiConsumer<byte[], ResError> callback) {
		requests.request(subject, payload, callback);
	}
}
