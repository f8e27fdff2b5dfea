package io.resgate.spring.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.protocol.QueryResponse;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * All cached resources of one resource name: the resource without query and any query resources,
 * sharing one {@code event.<name>.>} subscription, one serial context and one reference count.
 * While query requests of a query event are out, other work on the group waits.
 */
final class ResourceGroup {

	private static final Log logger = LogFactory.getLog(ResourceGroup.class);

	final String name;

	final ResourceCache cache;

	private final SerialExecutor serial;

	/** Guards the event subscription: held while subscribing, never while taking the cache's lock. */
	final Object subscribing = new Object();

	/** Set under {@link #subscribing}; read anywhere. */
	volatile MessageSubscription eventSubscription;

	// Guarded by the lock of ResourceGroups (the cache's lock)
	long count;

	/** Whether the group waits in the release queue of {@link ResourceGroups}. */
	boolean releaseQueued;

	/** When the group is due in the release queue, {@link System#nanoTime()}; fixed while it waits there. */
	long releaseDue;

	/** When the count last dropped to zero, {@link System#nanoTime()}. */
	long unusedSince;

	// Owned by the serial context
	volatile CachedResource base;

	final Map<String, CachedResource> queries = new LinkedHashMap<>();

	final Map<String, CachedResource> links = new HashMap<>();

	private int locks;

	private final ArrayDeque<Runnable> held = new ArrayDeque<>();

	ResourceGroup(String name, ResourceCache cache) {
		this.name = name;
		this.cache = cache;
		this.serial = new SerialExecutor(cache.pool(), cache.observations());
	}

	/**
	 * Runs a task in the group's serial context, after any query event in progress.
	 * @param task the task
	 */
	void enqueue(Runnable task) {
		serial.execute(() -> runUnlessLocked(task));
	}

	/**
	 * Runs a task in the group's serial context, on the calling thread if the group is idle
	 * ({@link SerialExecutor#executeNow}): for work a connection asks of the group, and for a service's
	 * answer to a request made for one connection.
	 * @param task the task
	 */
	void enqueueNow(Runnable task) {
		serial.executeNow(() -> runUnlessLocked(task));
	}

	private void runUnlessLocked(Runnable task) {
		if (locks > 0) {
			held.add(task);
		}
		else {
			task.run();
		}
	}

	/**
	 * Runs a task that ends one of the locks of a query event, even while locked.
	 * @param task the task
	 */
	private void enqueueUnlock(Runnable task) {
		serial.execute(() -> {
			try {
				task.run();
			}
			finally {
				locks--;
				while (locks == 0 && !held.isEmpty()) {
					held.poll().run();
				}
			}
		});
	}

	void removeCount(long n) {
		cache.removeCount(this, n);
	}

	CachedResource resource(String query) {
		if (query.isEmpty()) {
			if (base == null) {
				base = new CachedResource(this, "");
			}
			return base;
		}
		CachedResource rs = queries.get(query);
		if (rs == null) {
			rs = links.get(query);
		}
		if (rs == null) {
			rs = new CachedResource(this, query);
			queries.put(query, rs);
		}
		return rs;
	}

	void addSubscriber(CacheSubscriber sub, Throttle throttle) {
		enqueueNow(() -> resource(sub.resourceQuery()).addSubscriber(sub, throttle));
	}

	void onEventMessage(Message m) {
		enqueue(() -> handleEventMessage(m));
	}

	private void handleEventMessage(Message m) {
		int prefix = "event.".length() + name.length() + 1;
		if (m.subject().length() <= prefix) {
			logger.error("Error processing event " + m.subject() + ": malformed event subject");
			return;
		}
		String event = m.subject().substring(prefix);
		if (event.indexOf('.') >= 0) {
			return; // an event of another resource whose name starts with this one
		}
		if (event.equals("query")) {
			handleQueryEvent(m);
			return;
		}
		if (base == null || !base.query.isEmpty()) {
			return;
		}
		JsonNode payload = null;
		if (m.data().length > 0) {
			try {
				payload = cache.codec().tree(m.data());
			}
			catch (ResException ex) {
				logger.error("Error processing event " + m.subject() + ": malformed payload "
						+ new String(m.data(), StandardCharsets.UTF_8));
				return;
			}
		}
		base.handleEvent(new ResourceEvent(event, payload));
	}

	private void handleQueryEvent(Message m) {
		if (queries.isEmpty()) {
			return;
		}
		String subject;
		try {
			subject = cache.codec().decodeQueryEvent(m.data());
		}
		catch (ResException ex) {
			logger.error("Error processing event " + m.subject() + ": malformed payload");
			return;
		}
		if (subject.isEmpty()) {
			logger.error("Missing subject in event " + m.subject());
			return;
		}
		List<Map.Entry<String, CachedResource>> list = new ArrayList<>(queries.entrySet());
		locks += list.size();
		for (Map.Entry<String, CachedResource> e : list) {
			CachedResource rs = e.getValue();
			if (rs.load.compareTo(CachedResource.Load.REQUESTED) <= 0) {
				enqueueUnlock(() -> {
				});
				continue;
			}
			cache.request(subject, cache.getPayload(e.getKey()),
					(data, err) -> enqueueUnlock(() -> onQueryResponse(rs, data, err)));
		}
	}

	private void onQueryResponse(CachedResource rs, byte[] data, ResError err) {
		if (err != null) {
			return;
		}
		QueryResponse result;
		Map<String, ResValue> model = null;
		List<ResValue> collection = null;
		try {
			result = cache.codec().decodeQueryResponse(data);
			if (result.model() != null) {
				model = ResValue.model(result.model());
			}
			else if (result.collection() != null) {
				collection = ResValue.collection(result.collection());
			}
		}
		catch (ResException ex) {
			if (ex.getError().is(ResError.CODE_NOT_FOUND)) {
				rs.handleEvent(new ResourceEvent("delete", null));
			}
			else {
				logger.error("Error processing query event for " + name + "?" + rs.query + ": "
						+ ex.getError().message());
			}
			return;
		}
		if (result.events() != null) {
			for (QueryResponse.Event ev : result.events()) {
				rs.handleEvent(new ResourceEvent(ev.event(), ev.data()));
			}
		}
		else if (model != null) {
			if (rs.load != CachedResource.Load.MODEL) {
				logger.error("Error processing query event for " + name + "?" + rs.query + ": non-model payload");
				return;
			}
			rs.resetModel(model);
		}
		else if (collection != null) {
			if (rs.load != CachedResource.Load.COLLECTION) {
				logger.error("Error processing query event for " + name + "?" + rs.query
						+ ": non-collection payload");
				return;
			}
			rs.resetCollection(collection);
		}
	}

	void resetResources(Throttle throttle) {
		enqueue(() -> {
			if (base != null && base.query.isEmpty()) {
				base.handleResetResource(throttle);
			}
			for (CachedResource rs : new ArrayList<>(queries.values())) {
				rs.handleResetResource(throttle);
			}
		});
	}

	void resetAccess(Throttle throttle) {
		enqueue(() -> {
			if (base != null && base.query.isEmpty()) {
				base.handleResetAccess(throttle);
			}
			for (CachedResource rs : new ArrayList<>(queries.values())) {
				rs.handleResetAccess(throttle);
			}
		});
	}
}
