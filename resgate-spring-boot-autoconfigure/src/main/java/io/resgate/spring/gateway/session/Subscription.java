package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.CacheSubscriber;
import io.resgate.spring.gateway.cache.CachedResource;
import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceEvent;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.ResourceType;
import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.protocol.AccessResponse;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection's subscription of one resource ID, direct or indirect: it follows the cached
 * resource, subscribes the resources it references, turns cache events into client events, and
 * keeps the connection's access result for the resource. Confined to its connection's serial
 * context; the cache calls in through {@link CacheSubscriber}, which re-enters that context.
 *
 * <p>An event that only changes values (a change event that neither sets nor replaces a
 * reference, an add or remove of a value that is no reference) is sent with the states before and
 * after it, so that a connection falling behind may conflate it ({@link ClientSink}); every other
 * event is sent to arrive as it is.
 */
public final class Subscription implements CacheSubscriber, ClientResource {

	private static final Log logger = LogFactory.getLog(Subscription.class);

	/** Lifecycle states, in order. */
	enum State {
		DISPOSED, LOADING, LOADED, READY, TO_SEND, SENT, DELETED
	}

	private static final int QUEUE_LOADING = 1;

	private static final int QUEUE_REACCESS = 2;

	private static final int FLAG_ACCESS_CALLED = 1;

	private static final int FLAG_REACCESS = 2;

	private final String rid;

	private final String resourceName;

	private final String resourceQuery;

	private final ClientConnection conn;

	State state = State.LOADING;

	private List<ReadyWaiter> readyWaiters = new ArrayList<>();

	private CachedResource resource;

	private ResourceState data;

	/** The data before the event being processed, while it is. */
	private ResourceState previous;

	private long version;

	private Map<String, Reference> refs = new LinkedHashMap<>();

	private ResError error;

	private int queueFlags = QUEUE_LOADING;

	private List<ResourceEvent> eventQueue = new ArrayList<>();

	private AccessResponse access;

	private List<Consumer<AccessResponse>> accessCallbacks = new ArrayList<>();

	private int flags;

	private Throttle throttle;

	int direct;

	int indirect;

	int indirectSent;

	/** Requests adding a direct subscription (subscribe, get, resource responses) not answered yet. */
	private int pendingRequests;

	/** Unsubscribe requests waiting for the pending requests to be answered, or {@code null}. */
	private List<Runnable> afterPendingRequests;

	private static final class Reference {
		final Subscription sub;

		int count = 1;

		Reference(Subscription sub) {
			this.sub = sub;
		}
	}

	private static final class ReadyWaiter {
		final Set<String> seen = new HashSet<>();

		final Runnable callback;

		int loading;

		ReadyWaiter(Runnable callback) {
			this.callback = callback;
		}
	}

	Subscription(ClientConnection conn, String rid, Throttle throttle) {
		this.conn = conn;
		this.rid = rid;
		String expanded = conn.expandCid(rid);
		int q = expanded.indexOf('?');
		this.resourceName = (q < 0) ? expanded : expanded.substring(0, q);
		this.resourceQuery = (q < 0) ? "" : expanded.substring(q + 1);
		this.throttle = throttle;
	}

	/** Counts a request adding a direct subscription until {@link #requestAnswered()}. */
	public void requestPending() {
		pendingRequests++;
	}

	/** Uncounts an answered request; once none is pending, runs what waited for them. */
	public void requestAnswered() {
		if (--pendingRequests > 0 || afterPendingRequests == null) {
			return;
		}
		List<Runnable> tasks = afterPendingRequests;
		afterPendingRequests = null;
		for (Runnable t : tasks) {
			t.run();
		}
	}

	/**
	 * Runs a task once the requests adding a direct subscription are answered, at once if none is
	 * pending: an unsubscribe request takes effect after the subscribe requests sent before it.
	 * @param task the task
	 */
	void afterPendingRequests(Runnable task) {
		if (pendingRequests == 0) {
			task.run();
			return;
		}
		if (afterPendingRequests == null) {
			afterPendingRequests = new ArrayList<>(2);
		}
		afterPendingRequests.add(task);
	}

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

	/** @return the load error, or {@code null} */
	public ResError error() {
		if (state == State.DISPOSED) {
			return new ResError("system.disposedSubscription", "Resource subscription is disposed");
		}
		return error;
	}

	/** @return the data as this subscription last told the client, or {@code null} */
	public ResourceState data() {
		return data;
	}

	boolean hasReferences() {
		return !refs.isEmpty();
	}

	Iterable<Subscription> refSubscriptions() {
		List<Subscription> l = new ArrayList<>(refs.size());
		for (Reference r : refs.values()) {
			l.add(r.sub);
		}
		return l;
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
				return;
			}
			if (resource == null) {
				return;
			}
			if (queueFlags != 0) {
				eventQueue.add(event);
				return;
			}
			processEvent(event);
		});
	}

	@Override
	public void reaccess(Throttle t) {
		conn.enqueue(() -> reaccessNow(t));
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
		queueEvents(QUEUE_LOADING);
		for (ResValue v : data.values()) {
			if (v.isReference() && !subscribeRef(v.rid())) {
				return;
			}
		}
		List<ReadyWaiter> waiters = readyWaiters;
		readyWaiters = new ArrayList<>();
		for (ReadyWaiter w : waiters) {
			collectRefs(w);
		}
	}

	private boolean subscribeRef(String refRid) {
		try {
			addReference(refRid);
			return true;
		}
		catch (ResException ex) {
			for (Reference r : refs.values()) {
				conn.unsubscribe(r.sub, false, false, 1, true);
			}
			refs = new LinkedHashMap<>();
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
		w.seen.add(rid);
		w.loading++;
		if (state.compareTo(State.LOADED) >= 0) {
			collectRefs(w);
		}
		else {
			readyWaiters.add(w);
		}
	}

	private void collectRefs(ReadyWaiter w) {
		for (Map.Entry<String, Reference> e : new ArrayList<>(refs.entrySet())) {
			Subscription sub = e.getValue().sub;
			if (sub.isReady() || w.seen.contains(e.getKey())) {
				continue;
			}
			sub.waitLoaded(w);
		}
		w.loading--;
		testReady(w);
	}

	private static void testReady(ReadyWaiter w) {
		if (w.loading == 0) {
			w.callback.run();
		}
	}

	private void doneLoading() {
		if (state != State.DISPOSED) {
			state = State.READY;
		}
		List<ReadyWaiter> waiters = readyWaiters;
		readyWaiters = new ArrayList<>();
		throttle = null;
		for (ReadyWaiter w : waiters) {
			w.loading--;
			testReady(w);
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
		if (!refs.isEmpty()) {
			for (Reference r : new ArrayList<>(refs.values())) {
				r.sub.populate(set, true);
			}
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
		for (Reference r : new ArrayList<>(refs.values())) {
			r.sub.releaseResources();
		}
		unqueueEvents(QUEUE_LOADING);
	}

	private void queueEvents(int reason) {
		queueFlags |= reason;
	}

	private void unqueueEvents(int reason) {
		queueFlags &= ~reason;
		if (queueFlags != 0) {
			return;
		}
		if ((flags & FLAG_REACCESS) != 0) {
			handleReaccess(null);
			if (queueFlags != 0) {
				return;
			}
		}
		List<ResourceEvent> queued = eventQueue;
		eventQueue = new ArrayList<>();
		for (int i = 0; i < queued.size(); i++) {
			processEvent(queued.get(i));
			if (queueFlags != 0) {
				List<ResourceEvent> rest = new ArrayList<>(queued.subList(i + 1, queued.size()));
				rest.addAll(eventQueue);
				eventQueue = rest;
				return;
			}
		}
	}

	// --- References -----------------------------------------------------------------------

	private Subscription addReference(String refRid) {
		Reference r = refs.get(refRid);
		if (r != null) {
			r.count++;
			return r.sub;
		}
		Subscription sub = conn.subscribe(refRid, false, throttle);
		refs.put(refRid, new Reference(sub));
		return sub;
	}

	private void removeReference(String refRid) {
		Reference r = refs.get(refRid);
		if (r == null) {
			return;
		}
		r.count--;
		if (r.count == 0) {
			conn.unsubscribe(r.sub, false, isSent(), 1, true);
			refs.remove(refRid);
		}
	}

	// --- Events ---------------------------------------------------------------------------

	private void processEvent(ResourceEvent ev) {
		if (ev.version() != version) {
			return;
		}
		if (ev.isUpdate()) {
			version++;
			previous = data;
			advance(ev);
		}
		if (data.type() == ResourceType.COLLECTION) {
			processCollectionEvent(ev);
		}
		else {
			processModelEvent(ev);
		}
		// Not kept: an old state of a large resource would stay in memory with it.
		previous = null;
	}

	/** Moves the data snapshot one event forward. */
	private void advance(ResourceEvent ev) {
		ResourceState cur = resource.state();
		if (cur != null && cur.version() == version) {
			data = cur;
			return;
		}
		switch (ev.name()) {
			case "change" -> {
				TreeMap<String, ResValue> m = new TreeMap<>(data.model());
				ev.changed().forEach((k, v) -> {
					if (v.kind() == ResValue.Kind.DELETE) {
						m.remove(k);
					}
					else {
						m.put(k, v);
					}
				});
				data = new ResourceState(ResourceType.MODEL, Collections.unmodifiableMap(m), null, version);
			}
			case "add" -> {
				List<ResValue> l = new ArrayList<>(data.collection());
				l.add(ev.idx(), ev.value());
				data = new ResourceState(ResourceType.COLLECTION, null, Collections.unmodifiableList(l), version);
			}
			case "remove" -> {
				List<ResValue> l = new ArrayList<>(data.collection());
				l.remove(ev.idx());
				data = new ResourceState(ResourceType.COLLECTION, null, Collections.unmodifiableList(l), version);
			}
			default -> {
			}
		}
	}

	private void processCollectionEvent(ResourceEvent ev) {
		boolean legacy = conn.isLegacyValues();
		switch (ev.name()) {
			case "add" -> {
				ResValue v = ev.value();
				if (v.kind() == ResValue.Kind.REFERENCE) {
					Subscription sub;
					try {
						sub = addReference(v.rid());
					}
					catch (ResException ex) {
						logger.error("Subscription " + rid + ": Error subscribing to resource " + v.rid() + ": "
								+ ex.getError().message());
						return;
					}
					if (sub.isSent()) {
						sub.indirectSent++;
						sendShared(ev, "add", legacy, () -> addData(ev.idx(), v.json()), false);
						return;
					}
					queueEvents(QUEUE_LOADING);
					sub.onReady(() -> {
						if (state == State.DISPOSED) {
							return;
						}
						ResourceSet set = sub.resources(true);
						ObjectNode d = addData(ev.idx(), v.json());
						set.addTo(d, conn.messages().codec());
						conn.sendEvent(conn.messages().event(rid, "add", d), this);
						sub.releaseResources();
						unqueueEvents(QUEUE_LOADING);
					});
				}
				else {
					sendShared(ev, "add", legacy, () -> addData(ev.idx(), v.json(legacy)), true);
				}
			}
			case "remove" -> {
				ResValue v = ev.value();
				boolean reference = v.kind() == ResValue.Kind.REFERENCE;
				if (reference) {
					removeReference(v.rid());
				}
				sendShared(ev, "remove", legacy, ev::payload, !reference);
			}
			case "delete" -> deleted(ev);
			default -> sendShared(ev, ev.name(), legacy, ev::payload, false);
		}
	}

	private static ObjectNode addData(int idx, JsonNode value) {
		ObjectNode d = JsonNodeFactory.instance.objectNode();
		d.put("idx", idx);
		d.set("value", value);
		return d;
	}

	private void processModelEvent(ResourceEvent ev) {
		switch (ev.name()) {
			case "change" -> processChange(ev);
			case "delete" -> deleted(ev);
			default -> sendShared(ev, ev.name(), conn.isLegacyValues(), ev::payload, false);
		}
	}

	private void processChange(ResourceEvent ev) {
		Map<String, ResValue> changed = ev.changed();
		Map<String, ResValue> old = ev.oldValues();
		List<Subscription> subs = new ArrayList<>();
		boolean hasUnsent = false;
		for (ResValue v : changed.values()) {
			if (v.kind() == ResValue.Kind.REFERENCE) {
				Subscription sub;
				try {
					sub = addReference(v.rid());
				}
				catch (ResException ex) {
					logger.error("Subscription " + rid + ": Error subscribing to resource " + v.rid() + ": "
							+ ex.getError().message());
					return;
				}
				hasUnsent = hasUnsent || !sub.isSent();
				subs.add(sub);
			}
		}
		// Drop replaced references only after adding the new ones, so a reference moving between
		// properties is not unsubscribed on the way.
		boolean replacesReference = false;
		for (String k : changed.keySet()) {
			ResValue ov = old.get(k);
			if (ov != null && ov.kind() == ResValue.Kind.REFERENCE) {
				replacesReference = true;
				removeReference(ov.rid());
			}
		}
		boolean legacy = conn.isLegacyValues();
		if (!hasUnsent) {
			for (Subscription sub : subs) {
				sub.indirectSent++;
			}
			sendShared(ev, "change", legacy, () -> changeData(changed, legacy), subs.isEmpty() && !replacesReference);
			return;
		}
		queueEvents(QUEUE_LOADING);
		int[] count = { subs.size() };
		for (Subscription sub : subs) {
			sub.onReady(() -> {
				if (state == State.DISPOSED) {
					return;
				}
				if (--count[0] > 0) {
					return;
				}
				ResourceSet set = new ResourceSet(conn.isLegacyValues());
				for (Subscription s : subs) {
					s.populate(set, true);
				}
				ObjectNode d = changeData(changed, legacy);
				set.addTo(d, conn.messages().codec());
				conn.sendEvent(conn.messages().event(rid, "change", d), this);
				for (Subscription s : subs) {
					s.releaseResources();
				}
				unqueueEvents(QUEUE_LOADING);
			});
		}
	}

	private static ObjectNode changeData(Map<String, ResValue> changed, boolean legacy) {
		ObjectNode d = JsonNodeFactory.instance.objectNode();
		d.set("values", ResValue.toJson(changed, legacy));
		return d;
	}

	private void deleted(ResourceEvent ev) {
		state = State.DELETED;
		sendShared(ev, "delete", false, ev::payload, false);
		unsubscribeDirect(ResError.DELETED);
	}

	/**
	 * Sends an event frame that is the same for every connection with the same resource ID and flavour.
	 * @param valuesOnly whether the event only changes values, so that it may be conflated
	 */
	private void sendShared(ResourceEvent ev, String name, boolean legacy,
			java.util.function.Supplier<JsonNode> dataSupplier, boolean valuesOnly) {
		String key = rid + (legacy ? "|L|" : "|") + name;
		byte[] frame = ev.frame(key, () -> conn.messages().event(rid, name, dataSupplier.get()));
		if (valuesOnly) {
			conn.sendEvent(frame, this, previous, data);
		}
		else {
			conn.sendEvent(frame, this);
		}
	}

	@Override
	public List<byte[]> resyncEvents(ResourceState from, ResourceState to) {
		conn.stats().resync();
		return ResyncEvents.encode(conn.messages(), rid, from, to, conn.isLegacyValues());
	}

	// --- Access ---------------------------------------------------------------------------

	void reaccessNow(Throttle t) {
		if (state == State.DISPOSED) {
			return;
		}
		if (queueFlags != 0) {
			flags |= FLAG_REACCESS;
			return;
		}
		handleReaccess(t);
	}

	private void handleReaccess(Throttle t) {
		access = null;
		flags &= ~FLAG_REACCESS;
		if (direct == 0) {
			return;
		}
		queueEvents(QUEUE_REACCESS);
		loadAccess(a -> {
			ResError err = a.canGet();
			if (err != null && err.is(ResError.CODE_SERVICE_UNAVAILABLE)) {
				// unknown, not denied: keep the subscription and ask again later
				if (resource != null) {
					resource.resyncLater();
				}
			}
			else if (err != null) {
				unsubscribeDirect(err);
			}
			unqueueEvents(QUEUE_REACCESS);
		}, t);
	}

	private void unsubscribeDirect(ResError reason) {
		if (direct > 0) {
			conn.unsubscribe(this, true, false, direct, true);
			ObjectNode d = JsonNodeFactory.instance.objectNode();
			d.set("reason", conn.messages().codec().toTree(reason));
			conn.sendEvent(conn.messages().event(rid, "unsubscribe", d), this);
		}
	}

	private void loadAccess(Consumer<AccessResponse> callback, Throttle t) {
		if (access != null) {
			callback.accept(access);
			return;
		}
		accessCallbacks.add(callback);
		if ((flags & FLAG_ACCESS_CALLED) != 0) {
			return;
		}
		flags |= FLAG_ACCESS_CALLED;
		Runnable send = () -> conn.access(this, a -> {
			if (t != null) {
				t.done();
			}
			conn.enqueueNow(() -> {
				if (state == State.DISPOSED) {
					return;
				}
				List<Consumer<AccessResponse>> cbs = accessCallbacks;
				flags &= ~FLAG_ACCESS_CALLED;
				if (a.isCacheable()) {
					access = a;
				}
				accessCallbacks = new ArrayList<>();
				for (Consumer<AccessResponse> cb : cbs) {
					cb.accept(a);
				}
			});
		});
		if (t != null) {
			t.add(send);
		}
		else {
			send.run();
		}
	}

	/**
	 * Gets the connection's access to the resource: the access result kept while the subscription
	 * lasts, or else from an access request.
	 * @param callback receives the result, in the connection's context
	 */
	public void access(Consumer<AccessResponse> callback) {
		loadAccess(callback, null);
	}

	// --- Disposal -------------------------------------------------------------------------

	/** Drops the subscription: unsubscribes its references and the cached resource. */
	void dispose() {
		if (state == State.DISPOSED) {
			return;
		}
		State previous = state;
		state = State.DISPOSED;
		readyWaiters = new ArrayList<>();
		eventQueue = new ArrayList<>();
		throttle = null;
		if (afterPendingRequests != null) {
			// requests dropped with the subscription are not answered; what waited for them still is
			List<Runnable> tasks = afterPendingRequests;
			afterPendingRequests = null;
			pendingRequests = 0;
			conn.enqueue(() -> tasks.forEach(Runnable::run));
		}
		if (resource != null) {
			boolean sent = previous == State.SENT;
			for (Reference r : refs.values()) {
				conn.unsubscribe(r.sub, false, sent, 1, false);
			}
			refs = new LinkedHashMap<>();
			if (previous != State.DELETED) {
				resource.unsubscribe(this);
			}
			resource = null;
		}
	}

	/** Marks the resource as no longer held by the client, as when its last sent referrer is gone. */
	void unsend() {
		state = State.READY;
		indirectSent = 0;
		for (Reference r : refs.values()) {
			Subscription sub = r.sub;
			if (sub.state == State.SENT && sub.indirectSent > 0) {
				sub.indirectSent--;
			}
		}
	}
}
