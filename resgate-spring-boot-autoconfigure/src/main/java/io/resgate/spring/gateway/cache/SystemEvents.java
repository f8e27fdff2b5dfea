package io.resgate.spring.gateway.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.ResourcePattern;
import io.resgate.spring.protocol.Subjects;
import io.resgate.spring.protocol.SystemReset;
import io.resgate.spring.protocol.TokenReset;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The gateway's {@code system.*} subscription: a {@code system.reset} re-fetches the cached resources
 * and re-checks the access its patterns match; a {@code system.tokenReset} is passed on to every
 * registered connection. Other system events are ignored.
 */
final class SystemEvents {

	private static final Log logger = LogFactory.getLog(SystemEvents.class);

	private final Messaging messaging;

	private final ResCodec codec;

	private final int resetThrottle;

	private final Supplier<List<ResourceGroup>> groups;

	private final Map<String, CacheConnection> connections = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	// Guarded by lock
	private MessageSubscription subscription;

	/**
	 * @param messaging the messaging system
	 * @param codec the codec of the service protocol
	 * @param resetThrottle the largest number of get requests in flight for one system reset, 0 for no limit
	 * @param groups a snapshot of the cached resource groups
	 */
	SystemEvents(Messaging messaging, ResCodec codec, int resetThrottle, Supplier<List<ResourceGroup>> groups) {
		this.messaging = messaging;
		this.codec = codec;
		this.resetThrottle = resetThrottle;
		this.groups = groups;
	}

	/** Subscribes to {@code system.*}, once. */
	void subscribe() {
		synchronized (lock) {
			if (subscription == null) {
				subscription = messaging.subscribe("system.*", this::onSystemMessage);
			}
		}
	}

	/** Ends the {@code system.*} subscription, if any. */
	void unsubscribe() {
		synchronized (lock) {
			if (subscription != null) {
				subscription.unsubscribe();
				subscription = null;
			}
		}
	}

	void addConnection(CacheConnection conn) {
		connections.put(conn.cid(), conn);
	}

	void removeConnection(CacheConnection conn) {
		connections.remove(conn.cid(), conn);
	}

	private void onSystemMessage(Message m) {
		switch (m.subject()) {
			case Subjects.SYSTEM_RESET -> onSystemReset(m.data());
			case Subjects.SYSTEM_TOKEN_RESET -> onTokenReset(m.data());
			default -> {
			}
		}
	}

	private void onSystemReset(byte[] data) {
		List<ResourcePattern> resources;
		List<ResourcePattern> access;
		try {
			SystemReset reset = codec.decodeSystemReset(data);
			resources = reset.resources();
			access = reset.access();
		}
		catch (ResException ex) {
			logger.error("Error decoding system reset: " + ex.getError().message());
			return;
		}
		Throttle t = Throttle.ofLimit(resetThrottle);
		List<ResourceGroup> all = groups.get();
		for (ResourceGroup g : all) {
			if (matches(resources, g.name)) {
				g.resetResources(t);
			}
		}
		for (ResourceGroup g : all) {
			if (matches(access, g.name)) {
				g.resetAccess(t);
			}
		}
	}

	private static boolean matches(List<ResourcePattern> patterns, String name) {
		for (ResourcePattern p : patterns) {
			if (p.matches(name)) {
				return true;
			}
		}
		return false;
	}

	private void onTokenReset(byte[] data) {
		Set<String> tids;
		String subject;
		try {
			TokenReset reset = codec.decodeTokenReset(data);
			tids = reset.tids();
			subject = reset.subject();
		}
		catch (ResException ex) {
			logger.error("Error decoding system token reset: " + ex.getError().message());
			return;
		}
		if (subject.isEmpty()) {
			logger.error("Missing subject in system token reset");
			return;
		}
		if (tids.isEmpty()) {
			return;
		}
		for (CacheConnection c : connections.values()) {
			c.tokenReset(tids, subject);
		}
	}
}
