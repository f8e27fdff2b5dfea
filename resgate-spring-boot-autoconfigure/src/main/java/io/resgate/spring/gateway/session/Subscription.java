package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.CacheSubscriber;
import io.resgate.spring.gateway.cache.CachedResource;
import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceEvent;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.protocol.AccessResponse;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's subscription of one resource ID, direct or indirect: it follows the cached
 * resource, subscribes the resources it references ({@link References}), collects what the client
 * does not have yet for responses and events, passes cache events on ({@link SubscriptionEvents}),
 * and keeps the connection's access result for the resource ({@link SubscriptionAccess}). Confined
 * to its connection's serial context; the cache calls in through {@link CacheSubscriber}, which
 * re-enters that context.
 */
public final class Subscription implements CacheSubscriber, ClientResource {

	private static final ResError DISPOSED = new ResError("system.disposedSubscription",
			"Resource subscription is disposed");

	/** Lifecycle states, in order. */
	enum State {
		DISPOSED, LOADING, LOADED, READY, TO_SEND, SENT, DELETED
	}

	private final String rid;

	private final String resourceName;

	private final String resourceQuery;

	private final ClientConnection conn;

	private final References refs;

	private final SubscriptionEvents events;

	private final SubscriptionAccess access;

	State state = State.LOADING;

	private List<ReadyWaiter> readyWaiters;

	private CachedResource resource;

	/** The data as the client has it (or will, with the events held); moved on by {@link SubscriptionEvents}. */
	ResourceState data;

	/** The cache version {@link #data} is at. */
	long version;

	private ResError error;

	private Throttle throttle;

	int direct;

	int indirect;

	int indirectSent;

	private final PendingRequests pending = new PendingRequests();

	Subscription(ClientConnection conn, String rid, Throttle throttle) {
		this.conn = conn;
		this.rid = rid;
		String expanded = conn.expandCid(rid);
		int q = expanded.indexOf('?');
		this.resourceName = (q < 0) ? expanded : expanded.substring(0, q);
		this.resourceQuery = (q < 0) ? "" : expanded.substring(q + 1);
		this.throttle = throttle;
		this.refs = new References(conn);
		this.events = new SubscriptionEvents(this, conn);
		this.access = new SubscriptionAccess(this, conn);
	}

	// --- Requests in flight ------------------------------------------------------------------

	/** Counts a request adding a direct subscription until {@link #requestAnswered()}. */
	public void requestPending() {
		pending.add();
	}

	/** Uncounts an answered request; once none is pending, runs what waited for them. */
	public void requestAnswered() {
		pending.answered();
	}

	/**
	 * Runs a task once the requests adding a direct subscription are answered, at once if none is
	 * pending: an unsubscribe request takes effect after the subscribe requests sent before it.
	 * @param task the task
	 */
	void afterPendingRequests(Runnable task) {
		pending.whenAnswered(task);
	}

	// --- State -------------------------------------------------------------------------------

	/** @return the resource ID as the client knows it */
	public String rid() {
		return rid;
	}

	@Override
	public String resourceName() {
		return resourceName;
	}

	@Override
	public String resourceQuery() {
		return resourceQuery;
	}

	boolean isReady() {
		return state.compareTo(State.READY) >= 0;
	}

	boolean isSent() {
		return state == State.SENT;
	}

	boolean isDisposed() {
		return state == State.DISPOSED;
	}

	/** @return the load error, or {@code null} */
	public ResError error() {
		return (state == State.DISPOSED) ? DISPOSED : error;
	}

	/** @return the data as this subscription last told the client, or {@code null} */
	public ResourceState data() {
		return data;
	}

	CachedResource resource() {
		return resource;
	}

	References references() {
		return refs;
	}

	/** @return the throttle of the reference get requests while loading, or {@code null} */
	Throttle throttle() {
		return throttle;
	}

	boolean hasReferences() {
		return !refs.isEmpty();
	}

	Iterable<Subscription> refSubscriptions() {
		return refs.subscriptions();
	}

	// --- Calls from the cache --------------------------------------------------------------

	@Override
	public void loaded(CachedResource res, ResError err) {
		if (!conn.enqueue(() -> onLoaded(res, err))) {
			if (err == null) {
				res.unsubscribe(this);
			}
		}
	}

	@Override
	public void loadedNow(CachedResource res, ResError err) {
		if (!conn.enqueueNow(() -> onLoaded(res, err))) {
			if (err == null) {
				res.unsubscribe(this);
			}
		}
	}

	@Override
	public void event(ResourceEvent event) {
		conn.enqueue(() -> {
			if (event.name().equals("reaccess")) {
				reaccessNow(null);
			}
			else if (resource != null) {
				events.offer(event);
			}
		});
	}

	@Override
	public void reaccess(Throttle t) {
		conn.enqueue(() -> reaccessNow(t));
	}

	@Override
	public List<byte[]> resyncEvents(ResourceState from, ResourceState to) {
		conn.stats().resync();
		return ResyncEvents.encode(conn.messages(), rid, from, to, conn.isLegacyValues());
	}

	// --- Loading --------------------------------------------------------------------------

	private void onLoaded(CachedResource res, ResError err) {
		if (err != null) {
			error = err;
			doneLoading();
			return;
		}
		if (state == State.DISPOSED) {
			res.unsubscribe(this);
			return;
		}
		resource = res;
		state = State.LOADED;
		data = res.state();
		version = data.version();
		events.hold(SubscriptionEvents.HOLD_LOADING);
		for (ResValue v : data.values()) {
			if (v.isReference() && !subscribeRef(v.rid())) {
				return;
			}
		}
		List<ReadyWaiter> waiters = readyWaiters;
		readyWaiters = null;
		if (waiters != null) {
			for (ReadyWaiter w : waiters) {
				collectRefs(w);
			}
		}
	}

	private boolean subscribeRef(String refRid) {
		try {
			refs.add(refRid, throttle);
			return true;
		}
		catch (ResException ex) {
			refs.releaseAll(false, true);
			error = ex.getError();
			doneLoading();
			return false;
		}
	}

	/**
	 * Calls back once this resource and everything it references, recursively, is loaded.
	 * @param callback the callback, run in the connection's context
	 */
	public void onReady(Runnable callback) {
		if (isReady()) {
			callback.run();
			return;
		}
		waitLoaded(new ReadyWaiter(callback));
	}

	private void waitLoaded(ReadyWaiter w) {
		w.visit(rid);
		if (state.compareTo(State.LOADED) >= 0) {
			collectRefs(w);
		}
		else {
			if (readyWaiters == null) {
				readyWaiters = new ArrayList<>(2);
			}
			readyWaiters.add(w);
		}
	}

	private void collectRefs(ReadyWaiter w) {
		refs.forEach((refRid, sub) -> {
			if (!sub.isReady() && !w.visited(refRid)) {
				sub.waitLoaded(w);
			}
		});
		w.loaded();
	}

	private void doneLoading() {
		if (state != State.DISPOSED) {
			state = State.READY;
		}
		List<ReadyWaiter> waiters = readyWaiters;
		readyWaiters = null;
		throttle = null;
		if (waiters != null) {
			for (ReadyWaiter w : waiters) {
				w.loaded();
			}
		}
	}

	// --- Resource sets --------------------------------------------------------------------

	/**
	 * Collects this resource and its references, recursively, that the client does not have yet.
	 * Events are held until {@link #releaseResources()}.
	 * @param indirect whether this is collected as a reference of another resource
	 * @return the resource set
	 */
	ResourceSet resources(boolean indirect) {
		ResourceSet set = new ResourceSet(conn.isLegacyValues());
		populate(set, indirect);
		return set;
	}

	void populate(ResourceSet set, boolean indirect) {
		if (indirect) {
			indirectSent++;
		}
		if (state == State.SENT || state == State.TO_SEND) {
			return;
		}
		ResError err = error();
		if (err != null) {
			set.addError(rid, err);
			return;
		}
		set.add(rid, data);
		state = State.TO_SEND;
		for (Subscription sub : refs.subscriptions()) {
			sub.populate(set, true);
		}
	}

	/**
	 * Collects this resource and its references, recursively, that the client does not have yet,
	 * for a response. Events are held until {@link #releaseResources()}.
	 * @return the resource set
	 */
	public ResourceSet resources() {
		return resources(false);
	}

	/** Marks the collected resources as sent and releases held events. */
	public void releaseResources() {
		if (state == State.DISPOSED || state == State.SENT || error != null) {
			return;
		}
		state = State.SENT;
		for (Subscription sub : refs.subscriptions()) {
			sub.releaseResources();
		}
		events.release(SubscriptionEvents.HOLD_LOADING);
	}

	// --- Access ---------------------------------------------------------------------------

	/**
	 * Gets the connection's access to the resource: the access result kept while the subscription
	 * lasts, or else from an access request.
	 * @param callback receives the result, in the connection's context
	 */
	public void access(Consumer<AccessResponse> callback) {
		access.get(callback, null);
	}

	/** @return whether access is to be checked again once events are no longer held */
	boolean reaccessPending() {
		return access.recheckPending();
	}

	/**
	 * Checks access again (after a token change or a system reset), or once events are no longer
	 * held; a client that lost access loses its direct subscriptions.
	 * @param t a throttle for the access request, or {@code null}
	 */
	void reaccessNow(Throttle t) {
		if (state != State.DISPOSED) {
			access.recheck(t);
		}
	}

	SubscriptionEvents events() {
		return events;
	}

	/**
	 * Removes the direct subscriptions and tells the client with an unsubscribe event.
	 * @param reason the reason in the event
	 */
	void unsubscribeDirect(ResError reason) {
		if (direct > 0) {
			conn.unsubscribe(this, true, false, direct, true);
			ObjectNode d = JsonNodeFactory.instance.objectNode();
			d.set("reason", conn.messages().codec().toTree(reason));
			conn.sendEvent(conn.messages().event(rid, "unsubscribe", d), this);
		}
	}

	/** The resource was deleted: it gets no more events. */
	void deleted() {
		state = State.DELETED;
	}

	// --- Disposal -------------------------------------------------------------------------

	/** Drops the subscription: unsubscribes its references and the cached resource. */
	void dispose() {
		if (state == State.DISPOSED) {
			return;
		}
		State before = state;
		state = State.DISPOSED;
		readyWaiters = null;
		events.clear();
		throttle = null;
		List<Runnable> waiting = pending.drop();
		if (waiting != null) {
			// requests dropped with the subscription are not answered; what waited for them still is
			conn.enqueue(() -> waiting.forEach(Runnable::run));
		}
		if (resource != null) {
			refs.releaseAll(before == State.SENT, false);
			if (before != State.DELETED) {
				resource.unsubscribe(this);
			}
			resource = null;
		}
	}

	/** Marks the resource as no longer held by the client, as when its last sent referrer is gone. */
	void unsend() {
		state = State.READY;
		indirectSent = 0;
		for (Subscription sub : refs.subscriptions()) {
			if (sub.state == State.SENT && sub.indirectSent > 0) {
				sub.indirectSent--;
			}
		}
	}
}
