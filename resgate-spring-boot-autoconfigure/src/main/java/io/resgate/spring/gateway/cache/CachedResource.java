package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Subjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One cached resource: a resource name and a normalized query. It holds the model or collection,
 * applies events to it, and tells its subscribers. All mutation happens in its group's serial
 * context; {@link #state()} may be read from anywhere.
 */
public final class CachedResource {

	private static final Log logger = LogFactory.getLog(CachedResource.class);

	/** Load states, in order. */
	enum Load {
		SUBSCRIBED, ERROR, REQUESTED, COLLECTION, MODEL
	}

	final ResourceGroup group;

	final String query;

	Load load = Load.SUBSCRIBED;

	Set<CacheSubscriber> subs = new LinkedHashSet<>();

	boolean resetting;

	final List<String> links = new ArrayList<>();

	ResError error;

	private Map<String, ResValue> model;

	private List<ResValue> collection;

	private long version;

	private volatile ResourceState current;

	CachedResource(ResourceGroup group, String query) {
		this.group = group;
		this.query = query;
	}

	/** @return the resource name */
	public String name() {
		return group.name;
	}

	/** @return the normalized query, {@code ""} if none */
	public String query() {
		return query;
	}

	/** @return the current data and version; {@code null} until loaded */
	public ResourceState state() {
		return current;
	}

	/**
	 * Removes a subscriber: it no longer wants this resource.
	 * @param sub the subscriber
	 */
	public void unsubscribe(CacheSubscriber sub) {
		group.enqueueNow(() -> {
			// A subscriber already let go by a delete or a failed load holds no count any more.
			boolean held = subs != null && subs.remove(sub);
			if (!query.isEmpty() && (subs == null || subs.isEmpty())) {
				unregister();
			}
			if (held) {
				group.removeCount(1);
			}
		});
	}

	private void publish() {
		current = (load == Load.MODEL) ? new ResourceState(ResourceType.MODEL, model, null, version)
				: new ResourceState(ResourceType.COLLECTION, null, collection, version);
	}

	void addSubscriber(CacheSubscriber sub, Throttle throttle) {
		if (load != Load.ERROR) {
			subs.add(sub);
		}
		switch (load) {
			case SUBSCRIBED -> {
				group.cache.stats().lookup(CacheStats.MISS);
				load = Load.REQUESTED;
				byte[] payload = group.cache.getPayload(query);
				Runnable send = () -> group.cache.request(Subjects.get(group.name), payload, (data, err) -> {
					group.enqueueNow(() -> onGetResponse(data, err));
					if (throttle != null) {
						throttle.done();
					}
				});
				if (throttle != null) {
					throttle.add(send);
				}
				else {
					send.run();
				}
			}
			case REQUESTED -> group.cache.stats().lookup(CacheStats.PENDING);
			case ERROR -> {
				group.cache.stats().lookup(CacheStats.HIT);
				group.removeCount(1);
				sub.loadedNow(null, error);
			}
default -> {
				group.cache.stats().lookup(CacheStats.HIT);
				sub.loadedNow(this, null);
			}
		}
	}

	private void onGetResponse(byte[] data, ResError err) {
		ResourceData result = null;
		if (err == null) {
			try {
				result = ResourceData.read(group.cache.codec(), data);
			}
			catch (ResException ex) {
				err = ex.getError();
			}
		}
		if (err != null) {
			load = Load.ERROR;
			error = err;
			List<CacheSubscriber> failed = new ArrayList<>(subs);
			subs = null;
			unregister();
			group.removeCount(failed.size());
			if (failed.size() == 1) {
				failed.get(0).loadedNow(null, err);
				return;
			}
			for (CacheSubscriber s : failed) {
				s.loaded(null, err);
			}
			return;
		}
		CachedResource target = this;
		if (!result.query().equals(query)) {
			target = group.resource(result.query());
			if (query.isEmpty()) {
				group.base = target;
			}
			else {
				group.links.put(query, target);
				group.queries.remove(query, this);
			}
			target.links.add(query);
			target.subs.addAll(subs);
		}
		List<CacheSubscriber> waiting = new ArrayList<>(subs);
		if (target.load.compareTo(Load.REQUESTED) <= 0) {
			target.version = 0;
			if (result.type() == ResourceType.MODEL) {
				target.model = result.model();
				target.load = Load.MODEL;
			}
			else {
				target.collection = result.collection();
				target.load = Load.COLLECTION;
			}
			target.publish();
		}
		if (waiting.size() == 1) {
			waiting.get(0).loadedNow(target, null);
			return;
		}
		for (CacheSubscriber s : waiting) {
			s.loaded(target, null);
		}
	}

	/** Removes this resource and its links from the group. */
	void unregister() {
		if (query.isEmpty()) {
			if (group.base == this) {
				group.base = null;
			}
		}
		else {
			group.queries.remove(query, this);
		}
		for (String q : links) {
			if (q.isEmpty()) {
				if (group.base == this) {
					group.base = null;
				}
			}
			else {
				group.links.remove(q, this);
			}
		}
		links.clear();
	}

	/**
	 * Applies an event and passes it on to the subscribers.
	 * @param r the event
	 */
	void handleEvent(ResourceEvent r) {
		if (load.compareTo(Load.REQUESTED) <= 0 && !r.name().equals("reaccess")) {
			return;
		}
		r.version = version;
		switch (r.name()) {
			case "change" -> {
				if (resetting || !applyChange(r)) {
					return;
				}
			}
			case "add" -> {
				if (resetting || !applyAdd(r)) {
					return;
				}
			}
			case "remove" -> {
				if (resetting || !applyRemove(r)) {
					return;
				}
			}
			case "delete" -> {
				if (!resetting) {
					applyDelete(r);
				}
				return;
			}
			default -> {
			}
		}
		if (subs != null) {
			for (CacheSubscriber s : subs) {
				s.event(r);
			}
		}
	}

	private boolean applyChange(ResourceEvent r) {
		if (load == Load.COLLECTION) {
			logger.error("Error processing event " + name() + ".change: change event on collection");
			return false;
		}
		Map<String, ResValue> m = ModelChange.apply(name(), model, r);
		if (m == null) {
			return false;
		}
		model = m;
		version++;
		publish();
		return true;
	}

	private boolean applyAdd(ResourceEvent r) {
		if (load == Load.MODEL) {
			logger.error("Error processing event " + name() + ".add: add event on model");
			return false;
		}
		List<ResValue> col = CollectionChange.add(name(), collection, r);
		if (col == null) {
			return false;
		}
		collection = col;
		version++;
		publish();
		return true;
	}

	private boolean applyRemove(ResourceEvent r) {
		if (load == Load.MODEL) {
			logger.error("Error processing event " + name() + ".remove: remove event on model");
			return false;
		}
		List<ResValue> col = CollectionChange.remove(name(), collection, r);
		if (col == null) {
			return false;
		}
		collection = col;
		version++;
		publish();
		return true;
	}

	private void applyDelete(ResourceEvent r) {
		List<CacheSubscriber> list = (subs == null) ? List.of() : new ArrayList<>(subs);
		subs = null;
		unregister();
		group.removeCount(list.size());
		for (CacheSubscriber s : list) {
			s.event(r);
		}
	}

	void handleResetResource(Throttle throttle) {
		if (resetting) {
			return;
		}
		resetting = true;
		byte[] payload = group.cache.getPayload(query);
		Runnable send = () -> group.cache.request(Subjects.get(group.name), payload,
				(data, err) -> {
					group.enqueue(() -> {
						resetting = false;
						onResetResponse(data, err);
					});
					if (throttle != null) {
						throttle.done();
					}
				});
		if (throttle != null) {
			throttle.add(send);
		}
		else {
			send.run();
		}
	}

	/**
	 * Asks for this resource's group to be fetched again and its access re-checked a little later,
	 * after a check failed because the services were unavailable.
	 */
	public void resyncLater() {
		group.cache.resyncLater(group);
	}

	void handleResetAccess(Throttle throttle) {
		if (subs != null) {
			for (CacheSubscriber s : subs) {
				s.reaccess(throttle);
			}
		}
	}

	private void onResetResponse(byte[] data, ResError err) {
		ResourceData result = null;
		if (err == null) {
			try {
				result = ResourceData.read(group.cache.codec(), data);
				if ((load == Load.MODEL && result.type() != ResourceType.MODEL)
						|| (load == Load.COLLECTION && result.type() != ResourceType.COLLECTION)) {
					throw ResException.internalError("mismatching resource type");
				}
			}
			catch (ResException ex) {
				err = ex.getError();
			}
		}
		if (err != null) {
			if (err.is(ResError.CODE_NOT_FOUND)) {
				handleEvent(new ResourceEvent("delete", null));
			}
			else if (err.is(ResError.CODE_SERVICE_UNAVAILABLE)) {
				// NATS lost again, or the service not back yet: keep what we have and try again later
				group.cache.resyncLater(group);
			}
			else {
				logger.error("Subscription " + name() + ": Reset get error - " + err.code() + ": " + err.message());
			}
			return;
		}
		if (load == Load.MODEL) {
			resetModel(result.model());
		}
		else if (load == Load.COLLECTION) {
			resetCollection(result.collection());
		}
	}

	/**
	 * Turns the difference between the cached model and a fresh one into a change event.
	 * @param fresh the fresh model values
	 */
	void resetModel(Map<String, ResValue> fresh) {
		Map<String, ResValue> changed = ModelDiff.diff(model, fresh);
		if (changed.isEmpty()) {
			return;
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.set("values", ResValue.toJson(changed, false));
		handleEvent(new ResourceEvent("change", payload));
	}

	/**
	 * Turns the difference between the cached collection and a fresh one into remove and add events.
	 * @param fresh the fresh collection values
	 */
	void resetCollection(List<ResValue> fresh) {
		for (CollectionDiff.Step step : CollectionDiff.diff(collection, fresh)) {
			ObjectNode payload = JsonNodeFactory.instance.objectNode();
			payload.put("idx", step.idx());
			if (step.add()) {
				payload.set("value", step.value().json());
			}
			handleEvent(new ResourceEvent(step.add() ? "add" : "remove", payload));
		}
	}
}
