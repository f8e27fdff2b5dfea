package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.AccessResult;
import io.resgate.spring.gateway.cache.CacheConnection;
import io.resgate.spring.gateway.cache.CallResult;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.cache.ResourceCache;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.SerialExecutor;
import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.JsonBytes;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.ServiceRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * One client connection: its connection ID, token, protocol version and subscriptions. Everything
 * it owns is changed only in its own serial context ({@link #enqueue}); the request operations
 * below must be called from there. Outgoing frames go to a {@link ClientSink}.
 */
public final class ClientConnection implements CacheConnection {

	private static final Log logger = LogFactory.getLog(ClientConnection.class);

	/** The protocol version assumed until the client sends a version request: 1.1.1. */
	public static final int VERSION_LEGACY = 1_001_001;

	/** The protocol version this gateway implements: 1.2.3. */
	public static final int VERSION_LATEST = 1_002_003;

	/** The protocol version string this gateway implements. */
	public static final String PROTOCOL_VERSION = "1.2.3";

	private static final int VERSION_CALL_RESOURCE_RESPONSE = 1_002_000;

	private static final int VERSION_SOFT_REFERENCE_AND_DATA = 1_002_001;

	/** The largest number of direct subscriptions of one resource per connection. */
	public static final int SUBSCRIPTION_LIMIT = 256;

	private final String cid;

	private final ResourceCache cache;

	private final Messaging messaging;

	private final ClientMessages messages;

	private final ClientSink sink;

	private final SerialExecutor worker;

	private final HttpRequestInfo httpRequest;

	private final int referenceThrottle;

	private final GatewayStats stats;

	private final Map<String, Subscription> subs = new HashMap<>();

	private volatile boolean closed;

	private boolean disposed;

	private RawJson token;

	private String tid;

	/** Written in the connection's context, read also by its outbound queue's writer. */
	private volatile int protocolVersion;

	/** Whether the connection takes connection events ({@code conn.<cid>.*}). */
	private volatile boolean takesEvents;

	/**
	 * Creates a connection; call {@link #open()} next.
	 * @param cid the connection ID
	 * @param cache the resource cache
	 * @param messaging the messaging system, for connection events
	 * @param messages the client frame encoder
	 * @param sink where frames go
	 * @param worker the connection's serial context
	 * @param httpRequest the client's HTTP request, for auth requests; may be {@code null}
	 * @param referenceThrottle the largest number of reference get requests at once, 0 for no limit
	 */
	public ClientConnection(String cid, ResourceCache cache, Messaging messaging, ClientMessages messages,
			ClientSink sink, SerialExecutor worker, HttpRequestInfo httpRequest, int referenceThrottle) {
		this(cid, cache, messaging, messages, sink, worker, httpRequest, referenceThrottle, VERSION_LEGACY);
	}

	/**
	 * Creates a connection with a given initial protocol version; call {@link #open()} next.
	 * @param cid the connection ID
	 * @param cache the resource cache
	 * @param messaging the messaging system, for connection events
	 * @param messages the client frame encoder
	 * @param sink where frames go
	 * @param worker the connection's serial context
	 * @param httpRequest the client's HTTP request, for auth requests; may be {@code null}
	 * @param referenceThrottle the largest number of reference get requests at once, 0 for no limit
	 * @param protocolVersion the protocol version until a version request: {@link #VERSION_LEGACY} for
	 * WebSocket clients, {@link #VERSION_LATEST} for HTTP requests
	 */
	public ClientConnection(String cid, ResourceCache cache, Messaging messaging, ClientMessages messages,
			ClientSink sink, SerialExecutor worker, HttpRequestInfo httpRequest, int referenceThrottle,
			int protocolVersion) {
		this(cid, cache, messaging, messages, sink, worker, httpRequest, referenceThrottle, protocolVersion,
				new GatewayStats());
	}

	/**
	 * Creates a connection that counts the events it sends; call {@link #open()} next.
	 * @param cid the connection ID
	 * @param cache the resource cache
	 * @param messaging the messaging system, for connection events
	 * @param messages the client frame encoder
	 * @param sink where frames go
	 * @param worker the connection's serial context
	 * @param httpRequest the client's HTTP request, for auth requests; may be {@code null}
	 * @param referenceThrottle the largest number of reference get requests at once, 0 for no limit
	 * @param protocolVersion the protocol version until a version request
	 * @param stats the gateway's traffic totals
	 */
	public ClientConnection(String cid, ResourceCache cache, Messaging messaging, ClientMessages messages,
			ClientSink sink, SerialExecutor worker, HttpRequestInfo httpRequest, int referenceThrottle,
			int protocolVersion, GatewayStats stats) {
		this.stats = stats;
		this.protocolVersion = protocolVersion;
		this.cid = cid;
		this.cache = cache;
		this.messaging = messaging;
		this.messages = messages;
		this.sink = sink;
		this.worker = worker;
		this.httpRequest = httpRequest;
		this.referenceThrottle = referenceThrottle;
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
		return token;
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
		return protocolVersion < VERSION_SOFT_REFERENCE_AND_DATA;
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
		cache.removeConnection(this);
		List<Subscription> all = new ArrayList<>(subs.values());
		subs.clear();
		for (Subscription s : all) {
			s.dispose();
		}
	}

	// --- Version --------------------------------------------------------------------------

	/**
	 * Handles a version request.
	 * @param protocol the client's protocol version, or {@code ""}
	 * @return the gateway's protocol version
	 * @throws ResException with {@code system.invalidParams} or {@code system.unsupportedProtocol}
	 */
	public String setVersion(String protocol) {
		if (protocol == null || protocol.isEmpty()) {
			return PROTOCOL_VERSION;
		}
		String[] parts = protocol.split("\\.", -1);
		if (parts.length != 3) {
			throw new ResException(ResError.INVALID_PARAMS);
		}
		int v = 0;
		for (String part : parts) {
			int p;
			try {
				p = Integer.parseInt(part);
			}
			catch (NumberFormatException ex) {
				throw new ResException(ResError.INVALID_PARAMS);
			}
			if (p >= 1000) {
				throw new ResException(ResError.INVALID_PARAMS);
			}
			v = v * 1000 + p;
		}
		if (v < 1_000_000 || v >= 2_000_000) {
			throw new ResException(ResError.UNSUPPORTED_PROTOCOL);
		}
		protocolVersion = v;
		return PROTOCOL_VERSION;
	}

	// --- Subscriptions --------------------------------------------------------------------

	Subscription subscribe(String rid, boolean isDirect, Throttle throttle) {
		if (disposed) {
			throw new ResException(new ResError(ResError.CODE_INTERNAL_ERROR, "Internal error: disposing connection"));
		}
		Subscription sub = subs.get(rid);
		if (sub != null) {
			addCount(sub, isDirect);
			return sub;
		}
		Throttle t = (throttle != null) ? throttle : Throttle.ofLimit(referenceThrottle);
		sub = new Subscription(this, rid, t);
		addCount(sub, isDirect);
		cache.subscribe(sub, t);
		subs.put(rid, sub);
		return sub;
	}

	private static void addCount(Subscription sub, boolean isDirect) {
		if (isDirect) {
			if (sub.direct >= SUBSCRIPTION_LIMIT) {
				throw new ResException(new ResError("system.subscriptionLimitExceeded", "Subscription limit exceeded"));
			}
			sub.direct++;
		}
		else {
			sub.indirect++;
		}
	}

	void unsubscribe(Subscription sub, boolean isDirect, boolean sent, int count, boolean tryDelete) {
		if (disposed) {
			return;
		}
		if (sub.direct + sub.indirect + sub.indirectSent == 0) {
			return;
		}
		if (isDirect) {
			sub.direct -= count;
		}
		else {
			sub.indirect -= count;
			if (sent) {
				sub.indirectSent -= count;
			}
		}
		if (tryDelete) {
			SubscriptionCollector.collect(this, sub);
		}
	}

	void forget(String rid) {
		subs.remove(rid);
	}

	/**
	 * Handles an unsubscribe request. If subscribe or get requests of the resource are still
	 * pending, it waits for them to be answered: it acts on the subscriptions the client was told of.
	 * @param rid the resource ID
	 * @param count the number of direct subscriptions to remove
	 * @param callback told whether there were that many direct subscriptions
	 */
	public void unsubscribeResource(String rid, int count, Consumer<Boolean> callback) {
		Subscription sub = disposed ? null : subs.get(rid);
		if (sub == null) {
			callback.accept(false);
			return;
		}
		sub.afterPendingRequests(() -> callback.accept(unsubscribeNow(rid, count)));
	}

	private boolean unsubscribeNow(String rid, int count) {
		if (disposed) {
			return false;
		}
		Subscription sub = subs.get(rid);
		if (sub == null || sub.direct < count) {
			return false;
		}
		unsubscribe(sub, true, false, count, true);
		return true;
	}

	/** @return the resource IDs of the current subscriptions, for monitoring and tests */
	public Set<String> subscribedResources() {
		return Set.copyOf(subs.keySet());
	}

	void access(Subscription sub, Consumer<AccessResult> callback) {
		cache.access(sub.resourceName(), sub.resourceQuery(), cid, token, false, callback);
	}

	// --- Requests -------------------------------------------------------------------------

	/**
	 * Handles a get request: the resource set without a lasting subscription.
	 * @param rid the resource ID
	 * @param callback receives the resource set or an error
	 */
	public void getResource(String rid, BiConsumer<ResourceSet, ResError> callback) {
		loadResource(rid, false, callback);
	}

	/**
	 * Handles a subscribe request.
	 * @param rid the resource ID
	 * @param callback receives the resource set or an error
	 */
	public void subscribeResource(String rid, BiConsumer<ResourceSet, ResError> callback) {
		loadResource(rid, true, callback);
	}

	/**
	 * Subscribes directly, checks get access, and answers the resource set once it is loaded; the
	 * subscription is kept only if {@code keep} and the load succeeded.
	 */
	private void loadResource(String rid, boolean keep, BiConsumer<ResourceSet, ResError> callback) {
		Subscription sub;
		try {
			sub = subscribe(rid, true, null);
		}
		catch (ResException ex) {
			callback.accept(null, ex.getError());
			return;
		}
		sub.requestPending();
		sub.canGet(err -> {
			if (err != null) {
				callback.accept(null, err);
				unsubscribe(sub, true, false, 1, true);
				sub.requestAnswered();
				return;
			}
			sub.onReady(() -> {
				ResError e = sub.error();
				if (e != null) {
					callback.accept(null, e);
					unsubscribe(sub, true, false, 1, true);
					sub.requestAnswered();
					return;
				}
				callback.accept(sub.resources(false), null);
				sub.releaseResources();
				if (!keep) {
					unsubscribe(sub, true, false, 1, true);
				}
				sub.requestAnswered();
			});
		});
	}

	/**
	 * Handles a call request.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the parameters, or {@code null}
	 * @param callback receives the client result or an error
	 */
	public void callResource(String rid, String method, RawJson params, BiConsumer<RawJson, ResError> callback) {
		call(rid, method, params, r -> handleCallAuthResponse(r, callback));
	}

	private void call(String rid, String method, RawJson params, Consumer<CallResult> callback) {
		Subscription existing = subs.get(rid);
		Subscription sub = (existing != null) ? existing : new Subscription(this, rid, null);
		sub.canCall(method, err -> {
			if (err != null) {
				callback.accept(CallResult.failed(err));
				return;
			}
			cache.call(sub.resourceName(), sub.resourceQuery(), method, cid, token, params, false,
					r -> enqueueNow(() -> callback.accept(r)));
		});
	}

	/**
	 * Handles an auth request. No access is needed.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the parameters, or {@code null}
	 * @param callback receives the client result or an error
	 */
	public void authResource(String rid, String method, RawJson params, BiConsumer<RawJson, ResError> callback) {
		String expanded = expandCid(rid);
		int q = expanded.indexOf('?');
		String name = (q < 0) ? expanded : expanded.substring(0, q);
		String query = (q < 0) ? "" : expanded.substring(q + 1);
		ServiceRequest payload = ResourceCache.authRequest(params, false, token, query, cid, false, httpRequest);
		cache.auth(name, method, payload, r -> enqueueNow(() -> handleCallAuthResponse(r, callback)));
	}

	/**
	 * Sends the WebSocket header auth request of a new connection (isHttp set, no params).
	 * @param rid the resource ID of the auth method
	 * @param method the method
	 * @param callback receives the result, in the connection's context
	 */
	public void headerAuth(String rid, String method, Consumer<CallResult> callback) {
		String expanded = expandCid(rid);
		int q = expanded.indexOf('?');
		String name = (q < 0) ? expanded : expanded.substring(0, q);
		String query = (q < 0) ? "" : expanded.substring(q + 1);
		ServiceRequest payload = ResourceCache.authRequest(null, true, token, query, cid, true, httpRequest);
		cache.auth(name, method, payload, r -> enqueueNow(() -> callback.accept(r)));
	}

	/**
	 * Handles a deprecated new request: a call to {@code new} answered with a resource.
	 * @param rid the resource ID
	 * @param params the parameters
	 * @param callback receives the client result or an error
	 */
	public void newResource(String rid, RawJson params, BiConsumer<RawJson, ResError> callback) {
		call(rid, "new", params, r -> {
			if (r.isError()) {
				callback.accept(null, r.error());
				return;
			}
			if (r.rid() == null) {
				callback.accept(null, ResError.internalError("non-resource response on new request"));
				return;
			}
			handleResourceResult(r.rid(), callback);
		});
	}

	private void handleCallAuthResponse(CallResult r, BiConsumer<RawJson, ResError> callback) {
		if (r.isError()) {
			callback.accept(null, r.error());
			return;
		}
		if (protocolVersion < VERSION_CALL_RESOURCE_RESPONSE) {
			if (r.rid() != null) {
				callback.accept(RawJson.of(new JsonBytes(r.rid().length() + 12).ascii("{\"rid\":")
					.string(r.rid())
					.append('}')
					.toByteArray()), null);
			}
			else {
				callback.accept(r.result(), null);
			}
			return;
		}
		if (r.rid() == null) {
			byte[] payload = r.result().bytes();
			callback.accept(RawJson.of(new JsonBytes(payload.length + 12).ascii("{\"payload\":")
				.raw(payload)
				.append('}')
				.toByteArray()), null);
			return;
		}
		handleResourceResult(r.rid(), callback);
	}

	private void handleResourceResult(String refRid, BiConsumer<RawJson, ResError> callback) {
		Subscription sub;
		try {
			sub = subscribe(refRid, true, null);
		}
		catch (ResException ex) {
			callback.accept(null, ex.getError());
			return;
		}
		sub.requestPending();
		sub.canGet(err -> {
			if (err != null) {
				callback.accept(RawJson.of(new JsonBytes().ascii("{\"rid\":")
					.string(sub.rid())
					.ascii(",\"errors\":{")
					.string(sub.rid())
					.append(':')
					.raw(messages.codec().encode(err))
					.ascii("}}")
					.toByteArray()), null);
				unsubscribe(sub, true, false, 1, true);
				sub.requestAnswered();
				return;
			}
			sub.onReady(() -> {
				JsonBytes out = new JsonBytes(256).ascii("{\"rid\":").string(sub.rid());
				sub.resources(false).writeMembers(out, false, messages.codec());
				callback.accept(RawJson.of(out.append('}').toByteArray()), null);
				sub.releaseResources();
				sub.requestAnswered();
			});
		});
	}

	// --- HTTP API -------------------------------------------------------------------------

	/**
	 * The result of an HTTP API get: the resource set (the resource and everything it references)
	 * or an error, and the access response's meta.
	 * @param rid the requested resource ID
	 * @param resources the resource set, or {@code null} on error
	 * @param error the error, or {@code null}
	 * @param meta the meta of the access response, or {@code null}
	 */
	public record HttpGetResult(String rid, ResourceSet resources, ResError error, Meta meta) {
	}

	/**
	 * The result of an HTTP API call or auth.
	 * @param result the call result (payload, resource ID or error)
	 * @param accessMeta the meta of the access response (calls only), or {@code null}
	 */
	public record HttpCallResult(CallResult result, Meta accessMeta) {
	}

	/**
	 * Handles an HTTP API get, as Resgate does: the access request (with {@code isHttp}) is sent
	 * alongside the get; a 3XX-5XX meta status answers at once.
	 * @param rid the resource ID
	 * @param callback receives the result, in the connection's context
	 */
	public void httpGetResource(String rid, Consumer<HttpGetResult> callback) {
		Subscription sub;
		try {
			sub = subscribe(rid, true, null);
		}
		catch (ResException ex) {
			callback.accept(new HttpGetResult(rid, null, ex.getError(), null));
			return;
		}
		cache.access(sub.resourceName(), sub.resourceQuery(), cid, token, true, a -> enqueueNow(() -> {
			Meta meta = a.meta();
			if (isDirectResponseStatus(meta)) {
				callback.accept(new HttpGetResult(rid, null, a.error(), meta));
				unsubscribe(sub, true, false, 1, true);
				return;
			}
			ResError err = a.canGet();
			if (err != null) {
				callback.accept(new HttpGetResult(rid, null, err, meta));
				unsubscribe(sub, true, false, 1, true);
				return;
			}
			sub.onReady(() -> {
				ResError e = sub.error();
				if (e != null) {
					callback.accept(new HttpGetResult(rid, null, e, meta));
					unsubscribe(sub, true, false, 1, true);
					return;
				}
				callback.accept(new HttpGetResult(rid, sub.resources(false), null, meta));
				sub.releaseResources();
				unsubscribe(sub, true, false, 1, true);
			});
		}));
	}

	/**
	 * Handles an HTTP API call: an access request (with {@code isHttp}), then the call request
	 * (with {@code isHttp}) if permitted. A 3XX-5XX access meta status answers at once.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the parameters, or {@code null}
	 * @param callback receives the result, in the connection's context
	 */
	public void httpCallResource(String rid, String method, RawJson params, Consumer<HttpCallResult> callback) {
		String expanded = expandCid(rid);
		int q = expanded.indexOf('?');
		String name = (q < 0) ? expanded : expanded.substring(0, q);
		String query = (q < 0) ? "" : expanded.substring(q + 1);
		cache.access(name, query, cid, token, true, a -> enqueueNow(() -> {
			Meta meta = a.meta();
			if (isDirectResponseStatus(meta)) {
				callback.accept(new HttpCallResult(new CallResult(null, null, a.error(), null), meta));
				return;
			}
			ResError err = a.canCall(method);
			if (err != null) {
				callback.accept(new HttpCallResult(CallResult.failed(err), meta));
				return;
			}
			cache.call(name, query, method, cid, token, params, true,
					r -> enqueueNow(() -> callback.accept(new HttpCallResult(r, meta))));
		}));
	}

	/**
	 * Handles an HTTP API auth request, or the header auth request before an HTTP API request
	 * ({@code params == null} and {@code omitParams}): sent with {@code isHttp} and the request's headers.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the parameters, or {@code null}
	 * @param omitParams whether to leave the params out of the request
	 * @param callback receives the result, in the connection's context
	 */
	public void httpAuthResource(String rid, String method, RawJson params, boolean omitParams,
			Consumer<CallResult> callback) {
		String expanded = expandCid(rid);
		int q = expanded.indexOf('?');
		String name = (q < 0) ? expanded : expanded.substring(0, q);
		String query = (q < 0) ? "" : expanded.substring(q + 1);
		ServiceRequest payload = ResourceCache.authRequest(params, omitParams, token, query, cid, true, httpRequest);
		cache.auth(name, method, payload, r -> enqueueNow(() -> callback.accept(r)));
	}

	/**
	 * Tells if a meta status asks for an immediate response: 3XX, 4XX or 5XX.
	 * @param meta the meta, or {@code null}
	 * @return whether it does
	 */
	public static boolean isDirectResponseStatus(Meta meta) {
		return meta != null && meta.status() != null && meta.status() >= 300 && meta.status() < 600;
	}

	// --- Connection and system events -----------------------------------------------------

	private void connectionEvent(Message m) {
		String prefix = "conn." + cid + ".";
		if (m.subject().length() <= prefix.length()) {
			logger.error("Error processing conn event " + m.subject() + ": malformed event subject");
			return;
		}
		if (m.subject().substring(prefix.length()).equals("token")) {
			onTokenEvent(m.data());
		}
	}

	private void onTokenEvent(byte[] data) {
		RawJson newToken = null;
		String newTid = null;
		try {
			JsonNode n = messages.codec().tree(data);
			if (!n.isNull() && !n.isMissingNode()) {
				if (!n.isObject()) {
					throw new ResException(ResError.internalError("token event must be an object"));
				}
				JsonNode tok = n.get("token");
				if (tok != null) {
					// as Resgate: a token member set to null is a token, unlike an absent one
					newToken = tok.isNull() ? RawJson.NULL : RawJson.of(messages.codec().encode(tok));
				}
				JsonNode t = n.get("tid");
				if (t != null && !t.isNull()) {
					if (!t.isString()) {
						throw new ResException(ResError.internalError("tid must be a string"));
					}
					newTid = t.asString();
				}
			}
		}
		catch (ResException ex) {
			logger.error("Error processing token event: malformed event payload: " + ex.getError().message());
			return;
		}
		setToken(newToken, newTid);
	}

	/**
	 * Sets the connection's token; if it had one before, access to direct subscriptions is checked again.
	 * @param newToken the token, {@code null} for none
	 * @param newTid the token ID, or {@code null}
	 */
	public void setToken(RawJson newToken, String newTid) {
		tid = newTid;
		if (token == null) {
			token = newToken;
			return;
		}
		token = newToken;
		for (Subscription s : new ArrayList<>(subs.values())) {
			s.reaccessNow(null);
		}
	}

	@Override
	public void tokenReset(Set<String> tids, String subject) {
		enqueue(() -> {
			if (tid == null || !tids.contains(tid)) {
				return;
			}
			ServiceRequest payload = ResourceCache.authRequest(null, true, token, "", cid, false, httpRequest);
			cache.customAuth(subject, payload, r -> {
				if (r.isError() && r.error().is(ResError.CODE_TIMEOUT)) {
					logger.error("Token reset auth request timeout on subject: " + subject);
				}
			});
		});
	}
}
