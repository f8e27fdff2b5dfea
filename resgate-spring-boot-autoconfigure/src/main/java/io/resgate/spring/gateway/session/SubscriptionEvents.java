package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceEvent;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.ResourceType;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a subscription's cache events into client events: moves the subscription's data one event
 * forward, follows references that come and go, and sends the event, with the resources it brings
 * that the client does not have yet. Events are held while the subscription loads, while its
 * resources are being sent, or while its access is checked again, and then applied in order.
 *
 * <p>An event that only changes values (a change event that neither sets nor replaces a
 * reference, an add or remove of a value that is no reference) is sent with the states before and
 * after it, so that a connection falling behind may conflate it ({@link ClientSink}); every other
 * event is sent to arrive as it is. Confined to the connection's serial context.
 */
final class SubscriptionEvents {

	private static final Log logger = LogFactory.getLog(Subscription.class);

	/** Events are held while the subscription or a resource an event brings is loading or being sent. */
	static final int HOLD_LOADING = 1;

	/** Events are held while access is checked again. */
	static final int HOLD_REACCESS = 2;

	private final Subscription sub;

	private final ClientConnection conn;

	private int holds = HOLD_LOADING;

	private List<ResourceEvent> queue;

	/** The data before the event being processed, while it is. */
	private ResourceState previous;

	SubscriptionEvents(Subscription sub, ClientConnection conn) {
		this.sub = sub;
		this.conn = conn;
	}

	/**
	 * Processes an event now, or queues it while events are held.
	 * @param ev the event
	 */
	void offer(ResourceEvent ev) {
		if (holds != 0) {
			if (queue == null) {
				queue = new ArrayList<>();
			}
			queue.add(ev);
			return;
		}
		process(ev);
	}

	/** @return whether events are held */
	boolean isHeld() {
		return holds != 0;
	}

	/**
	 * Holds events for a reason.
	 * @param reason {@link #HOLD_LOADING} or {@link #HOLD_REACCESS}
	 */
	void hold(int reason) {
		holds |= reason;
	}

	/**
	 * Ends a reason to hold events; when none is left, a pending access check runs and then the held
	 * events are processed in order, until one holds them again.
	 * @param reason {@link #HOLD_LOADING} or {@link #HOLD_REACCESS}
	 */
	void release(int reason) {
		holds &= ~reason;
		if (holds != 0) {
			return;
		}
		if (sub.reaccessPending()) {
			sub.reaccessNow(null);
			if (holds != 0) {
				return;
			}
		}
		List<ResourceEvent> queued = queue;
		queue = null;
		if (queued == null) {
			return;
		}
		for (int i = 0; i < queued.size(); i++) {
			process(queued.get(i));
			if (holds != 0) {
				List<ResourceEvent> rest = new ArrayList<>(queued.subList(i + 1, queued.size()));
				if (queue != null) {
					rest.addAll(queue);
				}
				queue = rest;
				return;
			}
		}
	}

	/** Drops the held events, for good. */
	void clear() {
		queue = null;
	}

	private void process(ResourceEvent ev) {
		if (ev.version() != sub.version) {
			return;
		}
		if (ev.isUpdate()) {
			sub.version++;
			previous = sub.data;
			advance(ev);
		}
		if (sub.data.type() == ResourceType.COLLECTION) {
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
		ResourceState cur = sub.resource().state();
		long version = sub.version;
		if (cur != null && cur.version() == version) {
			sub.data = cur;
			return;
		}
		ResourceState data = sub.data;
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
				sub.data = new ResourceState(ResourceType.MODEL, Collections.unmodifiableMap(m), null, version);
			}
			case "add" -> {
				List<ResValue> l = new ArrayList<>(data.collection());
				l.add(ev.idx(), ev.value());
				sub.data = new ResourceState(ResourceType.COLLECTION, null, Collections.unmodifiableList(l), version);
			}
			case "remove" -> {
				List<ResValue> l = new ArrayList<>(data.collection());
				l.remove(ev.idx());
				sub.data = new ResourceState(ResourceType.COLLECTION, null, Collections.unmodifiableList(l), version);
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
					addReference(ev, v, legacy);
				}
				else {
					sendShared(ev, "add", legacy, () -> addData(ev.idx(), v.json(legacy)), true);
				}
			}
			case "remove" -> {
				ResValue v = ev.value();
				boolean reference = v.kind() == ResValue.Kind.REFERENCE;
				if (reference) {
					sub.references().remove(v.rid(), sub.isSent());
				}
				sendShared(ev, "remove", legacy, ev::payload, !reference);
			}
			case "delete" -> deleted(ev);
			default -> sendShared(ev, ev.name(), legacy, ev::payload, false);
		}
	}

	private void addReference(ResourceEvent ev, ResValue v, boolean legacy) {
		Subscription ref = subscribeReference(v);
		if (ref == null) {
			return;
		}
		if (ref.isSent()) {
			ref.indirectSent++;
			sendShared(ev, "add", legacy, () -> addData(ev.idx(), v.json()), false);
			return;
		}
		hold(HOLD_LOADING);
		ref.onReady(() -> {
			if (sub.isDisposed()) {
				return;
			}
			ResourceSet set = ref.resources(true);
			ObjectNode d = addData(ev.idx(), v.json());
			set.addTo(d, conn.messages().codec());
			conn.sendEvent(conn.messages().event(sub.rid(), "add", d), sub);
			ref.releaseResources();
			release(HOLD_LOADING);
		});
	}

	/**
	 * Subscribes a resource an event references; a failure is logged.
	 * @return the reference's subscription, or {@code null} if it failed
	 */
	private Subscription subscribeReference(ResValue v) {
		try {
			return sub.references().add(v.rid(), sub.throttle());
		}
		catch (ResException ex) {
			logger.error("Subscription " + sub.rid() + ": Error subscribing to resource " + v.rid() + ": "
					+ ex.getError().message());
			return null;
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
		List<Subscription> added = new ArrayList<>();
		boolean hasUnsent = false;
		for (ResValue v : changed.values()) {
			if (v.kind() == ResValue.Kind.REFERENCE) {
				Subscription ref = subscribeReference(v);
				if (ref == null) {
					return;
				}
				hasUnsent = hasUnsent || !ref.isSent();
				added.add(ref);
			}
		}
		// Drop replaced references only after adding the new ones, so a reference moving between
		// properties is not unsubscribed on the way.
		boolean replacesReference = false;
		for (String k : changed.keySet()) {
			ResValue ov = old.get(k);
			if (ov != null && ov.kind() == ResValue.Kind.REFERENCE) {
				replacesReference = true;
				sub.references().remove(ov.rid(), sub.isSent());
			}
		}
		boolean legacy = conn.isLegacyValues();
		if (!hasUnsent) {
			for (Subscription ref : added) {
				ref.indirectSent++;
			}
			sendShared(ev, "change", legacy, () -> changeData(changed, legacy), added.isEmpty() && !replacesReference);
			return;
		}
		hold(HOLD_LOADING);
		int[] count = { added.size() };
		for (Subscription ref : added) {
			ref.onReady(() -> {
				if (sub.isDisposed() || --count[0] > 0) {
					return;
				}
				ResourceSet set = new ResourceSet(legacy);
				for (Subscription s : added) {
					s.populate(set, true);
				}
				ObjectNode d = changeData(changed, legacy);
				set.addTo(d, conn.messages().codec());
				conn.sendEvent(conn.messages().event(sub.rid(), "change", d), sub);
				for (Subscription s : added) {
					s.releaseResources();
				}
				release(HOLD_LOADING);
			});
		}
	}

	private static ObjectNode changeData(Map<String, ResValue> changed, boolean legacy) {
		ObjectNode d = JsonNodeFactory.instance.objectNode();
		d.set("values", ResValue.toJson(changed, legacy));
		return d;
	}

	private void deleted(ResourceEvent ev) {
		sub.deleted();
		sendShared(ev, "delete", false, ev::payload, false);
		sub.unsubscribeDirect(ResError.DELETED);
	}

	/**
	 * Sends an event frame that is the same for every connection with the same resource ID and flavour.
	 * @param valuesOnly whether the event only changes values, so that it may be conflated
	 */
	private void sendShared(ResourceEvent ev, String name, boolean legacy, Supplier<JsonNode> dataSupplier,
			boolean valuesOnly) {
		String rid = sub.rid();
		String key = rid + (legacy ? "|L|" : "|") + name;
		byte[] frame = ev.frame(key, () -> conn.messages().event(rid, name, dataSupplier.get()));
		if (valuesOnly) {
			conn.sendEvent(frame, sub, previous, sub.data);
		}
		else {
			conn.sendEvent(frame, sub);
		}
	}
}
