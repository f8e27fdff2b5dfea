package io.resgate.spring.gateway.session;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.CacheConnection;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.cache.ResourceCache;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.SerialExecutor;
import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.protocol.AccessResponse;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.ServiceRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One client connection: its connection ID, token, protocol version and subscriptions. Everything
 * it owns is changed only in its own serial context ({@link #enqueue}); the request operations
 * below must be called from there. Outgoing frames go to a {@link ClientSink}.
 */
public final class ClientConnection implements CacheConnection {

	private static final Log logger = LogFactory.getLog(ClientConnection.class);

	private final String cid;

	private final ResourceCache cache;

	private final boolean http;

	private final ClientMessages messages;

	private final ClientSink sink;

	private final SerialExecutor worker;

	private final HttpRequestInfo httpRequest;

	private final GatewayStats stats;

	private final Subscriptions subs;

	private volatile boolean closed;

	private boolean disposed;

	private final TokenLifecycle token;

	/** Written in the connection's context, read also by its outbound queue's writer. */
	private volatile int protocolVersion;

	/** Whether the connection takes connection events ({@code conn.<cid>.*}). */
	private volatile boolean takesEvents;

	/**
	 * Creates a connection; call {@link #open()} next.
	 * @param cid the connection ID
	 * @param http whether the connection serves one HTTP API request rather than a WebSocket: its
	 * service requests carry {@code isHttp}, it speaks the latest protocol version from the start
	 * @param cache the resource cache
	 * @param messages the client frame encoder
	 * @param sink where frames go
	 * @param worker the connection's serial context
	 * @param httpRequest the client's HTTP request, for auth requests; may be {@code null}
	 * @param referenceThrottle the largest number of reference get requests at once, 0 for no limit
	 * @param stats the gateway's traffic totals
	 * @param timer the gateway's timer, for the expiry of a token from the opening request
	 */
	public ClientConnection(String cid, boolean http, ResourceCache cache, ClientMessages messages, ClientSink sink,
			SerialExecutor worker, HttpRequestInfo httpRequest, int referenceThrottle, GatewayStats stats,
			ScheduledExecutorService timer) {
		this.cid = cid;
		this.http = http;
		this.protocolVersion = http ? ProtocolVersion.LATEST : ProtocolVersion.LEGACY;
		this.cache = cache;
		this.messages = messages;
		this.sink = sink;
		this.worker = worker;
		this.httpRequest = httpRequest;
		this.subs = new Subscriptions(this, cache, referenceThrottle);
		this.stats = stats;
		this.token = new TokenLifecycle(this, cache, timer);
		sink.flushWith(worker);
	}

	/**
	 * Opens the connection: it takes its connection events ({@link #onConnectionEvent}, from the
	 * gateway's one {@code conn.*.*} subscription) and is registered for system token resets.
	 */
	public void open() {
		takesEvents = true;
		cache.addConnection(this);
	}

	/**
	 * Opens a connection that takes no connection events: an HTTP API request without header auth,
	 * which has no token and no request that could use one set now.
	 */
	public void openWithoutEvents() {
		cache.addConnection(this);
	}

	/**
	 * Takes a connection event ({@code conn.<cid>.<event>}) for this connection, in its serial
	 * context; ignored if the connection takes none.
	 * @param m the event message
	 */
	public void onConnectionEvent(Message m) {
		if (takesEvents) {
			enqueue(() -> connectionEvent(m));
		}
	}

	/** @return where the connection's frames go */
	ClientSink sink() {
		return sink;
	}

	@Override
	public String cid() {
		return cid;
	}

	/** @return the frame encoder */
	public ClientMessages messages() {
		return messages;
	}

	/** @return the connection's access token, or {@code null} */
	public RawJson token() {
		return token.token();
	}

	/** @return the negotiated protocol version as MAJOR*1000000+MINOR*1000+PATCH */
	public int protocolVersion() {
		return protocolVersion;
	}

	/** @return the client's HTTP request (the WebSocket upgrade, or the HTTP API request), or {@code null} */
	public HttpRequestInfo httpRequest() {
		return httpRequest;
	}

	/** @return the gateway's traffic totals */
	GatewayStats stats() {
		return stats;
	}

	/**
	 * The bytes queued for the client and being written, for monitoring.
	 * @return the backlog; 0 for a transport without an outbound queue, such as an HTTP request
	 */
	public long backlogBytes() {
		return (sink instanceof OutboundQueue q) ? q.backlogBytes() : 0;
	}

	boolean isLegacyValues() {
		return protocolVersion < ProtocolVersion.SOFT_REFERENCE_AND_DATA;
	}

	/**
	 * Runs a task in the connection's serial context.
	 * @param task the task
	 * @return {@code false} if the connection is closed and the task was not queued
	 */
	public boolean enqueue(Runnable task) {
		if (closed) {
			return false;
		}
		worker.execute(task);
		return true;
	}

	/**
	 * Runs a task in the connection's serial context, on the calling thread if the connection is
	 * idle ({@link SerialExecutor#executeNow}): for a client frame, and for the answer to one of this
	 * connection's requests.
	 * @param task the task
	 * @return {@code false} if the connection is closed and the task was not run
	 */
	public boolean enqueueNow(Runnable task) {
		if (closed) {
			return false;
		}
		worker.executeNow(task);
		return true;
	}

	/**
	 * Sends a frame to the client.
	 * @param frame the frame
	 */
	public void send(byte[] frame) {
		if (!disposed) {
			sink.send(frame);
		}
	}

	/**
	 * Sends an event frame that must reach the client as it is, counting it.
	 * @param frame the frame
	 * @param resource the resource the event is on
	 */
	void sendEvent(byte[] frame, ClientResource resource) {
		if (!disposed) {
			stats.eventSent();
			sink.sendEvent(frame, resource);
		}
	}

	/**
	 * Sends an event frame that only changes values, counting it; a client falling behind may get
	 * it conflated with the resource's later such events ({@link ClientSink}).
	 * @param frame the frame
	 * @param resource the resource the event is on
	 * @param from the state before the event
	 * @param to the state after the event
	 */
	void sendEvent(byte[] frame, ClientResource resource, ResourceState from, ResourceState to) {
		if (!disposed) {
			if (sink.sendEvent(frame, resource, from, to)) {
				stats.eventSent();
			}
			else {
				stats.eventConflated();
			}
		}
	}

	/**
	 * Closes the client's transport.
	 * @param reason why, for the logs
	 */
	public void disconnect(String reason) {
		sink.disconnect(reason);
	}

	/**
	 * Replaces the connection ID tag in a resource ID.
	 * @param rid the resource ID
	 * @return the resource ID as services see it
	 */
	public String expandCid(String rid) {
		return rid.replace(Rid.CID_TAG, cid);
	}

	/** Disposes the connection: drops all subscriptions. Safe to call from any thread, more than once. */
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		worker.execute(this::dispose);
	}

	private void dispose() {
		if (disposed) {
			return;
		}
		disposed = true;
		token.cancelExpiry();
		cache.removeConnection(this);
		subs.disposeAll();
	}

	// --- Version --------------------------------------------------------------------------

	/**
	 * Handles a version request.
	 * @param protocol the client's protocol version, or {@code ""}
	 * @return the gateway's protocol version
	 * @throws ResException with {@code system.invalidParams} or {@code system.unsupportedProtocol}
	 */
	public String setVersion(String protocol) {
		if (protocol != null && !protocol.isEmpty()) {
			protocolVersion = ProtocolVersion.parse(protocol);
		}
		return ProtocolVersion.LATEST_TEXT;
	}

	// --- Subscriptions --------------------------------------------------------------------

	Subscription subscribe(String rid, boolean isDirect, Throttle throttle) {
		return subs.subscribe(rid, isDirect, throttle);
	}

	void unsubscribe(Subscription sub, boolean isDirect, boolean sent, int count, boolean tryDelete) {
		subs.unsubscribe(sub, isDirect, sent, count, tryDelete);
	}

	void forget(String rid) {
		subs.forget(rid);
	}

	/**
	 * Handles an unsubscribe request. If subscribe or get requests of the resource are still
	 * pending, it waits for them to be answered: it acts on the subscriptions the client was told of.
	 * @param rid the resource ID
	 * @param count the number of direct subscriptions to remove
	 * @param callback told whether there were that many direct subscriptions
	 */
	public void unsubscribeResource(String rid, int count, Consumer<Boolean> callback) {
		subs.unsubscribeResource(rid, count, callback);
	}

	/** @return the resource IDs of the current subscriptions, for monitoring and tests */
	public Set<String> subscribedResources() {
		return subs.rids();
	}

	void access(Subscription sub, Consumer<AccessResponse> callback) {
		cache.access(sub.resourceName(), sub.resourceQuery(), cid, token.token(), http, callback);
	}

	// --- For the request layer ------------------------------------------------------------

	/** @return whether the connection serves one HTTP API request: its service requests carry {@code isHttp} */
	public boolean isHttp() {
		return http;
	}

	/**
	 * Adds a direct subscription of a resource: the connection's subscription of it, created (and
	 * the resource loaded) if there is none. Undo with {@link #releaseDirect}.
	 * @param rid the resource ID as the client knows it
	 * @return the subscription
	 * @throws ResException if the connection is closing or has too many subscriptions of the resource
	 */
	public Subscription subscribeDirect(String rid) {
		return subscribe(rid, true, null);
	}

	/**
	 * Removes one direct subscription added by {@link #subscribeDirect}; the subscription (and the
	 * resources it references) goes once nothing holds it any more.
	 * @param sub the subscription
	 */
	public void releaseDirect(Subscription sub) {
		unsubscribe(sub, true, false, 1, true);
	}

	/**
	 * The subscription whose access result a request on a resource checks: the connection's
	 * subscription of it, whose access result is reused while it lasts, or else one made for the
	 * request alone, not subscribed.
	 * @param rid the resource ID as the client knows it
	 * @return the subscription
	 */
	public Subscription accessTo(String rid) {
		Subscription existing = subs.get(rid);
		return (existing != null) ? existing : new Subscription(this, rid, null);
	}

	/**
	 * Sends a call request on a resource, with the connection's ID and token.
	 * @param sub the subscription of the resource (see {@link #accessTo})
	 * @param method the method
	 * @param params the parameters as the client sent them, or {@code null}
	 * @param callback receives the response, in the connection's serial context
	 */
	public void sendCall(Subscription sub, String method, RawJson params, Consumer<CallResponse> callback) {
		cache.call(sub.resourceName(), sub.resourceQuery(), method, cid, token.token(), params, http,
				r -> enqueueNow(() -> callback.accept(r)));
	}

	/**
	 * Sends an auth request on a resource, with the connection's ID, token and HTTP request.
	 * @param rid the resource ID as the client knows it
	 * @param method the method
	 * @param params the parameters as the client sent them, or {@code null}
	 * @param omitParams whether to leave the params out, as for the auth requests the gateway makes itself
	 * @param isHttp whether the request says it comes over HTTP
	 * @param callback receives the response, in the connection's serial context
	 */
	public void sendAuth(String rid, String method, RawJson params, boolean omitParams, boolean isHttp,
			Consumer<CallResponse> callback) {
		String expanded = expandCid(rid);
		int q = expanded.indexOf('?');
		String name = (q < 0) ? expanded : expanded.substring(0, q);
		String query = (q < 0) ? "" : expanded.substring(q + 1);
		ServiceRequest payload = ResourceCache.authRequest(params, omitParams, token.token(), query, cid, isHttp, httpRequest);
		cache.auth(name, method, payload, r -> enqueueNow(() -> callback.accept(r)));
	}

	// --- Connection and system events -----------------------------------------------------

	private void connectionEvent(Message m) {
		String prefix = "conn." + cid + ".";
		if (m.subject().length() <= prefix.length()) {
			logger.error("Error processing conn event " + m.subject() + ": malformed event subject");
			return;
		}
		if (m.subject().substring(prefix.length()).equals("token")) {
			token.onTokenEvent(m.data());
		}
	}

	/**
	 * Sets the connection's token, as a service sets it (a token event); if it had one before, access
	 * to direct subscriptions is checked again. A {@code system.tokenReset} naming its token ID makes
	 * the connection send an auth request.
	 * @param newToken the token, {@code null} for none
	 * @param newTid the token ID, or {@code null}
	 */
	public void setToken(RawJson newToken, String newTid) {
		token.set(newToken, newTid);
	}

	/** Checks access to the direct subscriptions again, as after a token change. */
	void reaccessAll() {
		subs.reaccessAll();
	}

	/**
	 * Sets the token found in the connection's opening HTTP request (the application's authentication
	 * of it), as {@link #setToken} does. No auth method stands behind such a token, so the gateway
	 * ends it itself: when a {@code system.tokenReset} names its token ID, and when it expires, the
	 * token is cleared and access to direct subscriptions checked again (the client gets
	 * {@code unsubscribe} events for what it may no longer see). A later token event replaces it like
	 * any token, and ends this handling.
	 * @param newToken the token
	 * @param newTid the token ID, or {@code null}
	 * @param expiresAt when the token expires, or {@code null} if it does not by itself
	 */
	public void setRequestToken(RawJson newToken, String newTid, Instant expiresAt) {
		token.setFromRequest(newToken, newTid, expiresAt, disposed);
	}

	/**
	 * Token IDs were reset. A token set by a service with one of them makes the connection send an
	 * auth request to the subject, without params, as the RES service protocol asks; a token from the
	 * opening request ({@link #setRequestToken}) has no auth method behind it and is cleared instead,
	 * and access checked again.
	 * @param tids the reset token IDs
	 * @param subject the subject of the auth request
	 */
	@Override
	public void tokenReset(Set<String> tids, String subject) {
		enqueue(() -> token.reset(tids, subject));
	}
}
