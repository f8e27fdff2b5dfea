package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.protocol.ResException;

/**
 * The resources a subscription references (not softly), each an indirect subscription of the
 * connection, counted as often as the resource's values refer to it. Confined to the connection's
 * serial context.
 */
final class References {

	private static final class Reference {
		final Subscription sub;

		int count = 1;

		Reference(Subscription sub) {
			this.sub = sub;
		}
	}

	private final ClientConnection conn;

	private Map<String, Reference> refs;

	References(ClientConnection conn) {
		this.conn = conn;
	}

	/**
	 * Counts a reference, subscribing the resource indirectly the first time.
	 * @param rid the referenced resource ID
	 * @param throttle the throttle for its get request, or {@code null}
	 * @return the subscription of the referenced resource
	 * @throws ResException if it cannot be subscribed
	 */
	Subscription add(String rid, Throttle throttle) {
		Reference r = (refs == null) ? null : refs.get(rid);
		if (r != null) {
			r.count++;
			return r.sub;
		}
		Subscription sub = conn.subscribe(rid, false, throttle);
		if (refs == null) {
			refs = new LinkedHashMap<>();
		}
		refs.put(rid, new Reference(sub));
		return sub;
	}

	/**
	 * Uncounts a reference, unsubscribing the resource when none is left.
	 * @param rid the referenced resource ID
	 * @param sent whether the referrer had been sent to the client
	 */
	void remove(String rid, boolean sent) {
		Reference r = (refs == null) ? null : refs.get(rid);
		if (r == null) {
			return;
		}
		r.count--;
		if (r.count == 0) {
			conn.unsubscribe(r.sub, false, sent, 1, true);
			refs.remove(rid);
		}
	}

	boolean isEmpty() {
		return refs == null || refs.isEmpty();
	}

	/** @return the subscriptions of the referenced resources, a copy */
	List<Subscription> subscriptions() {
		List<Subscription> l = new ArrayList<>(isEmpty() ? 0 : refs.size());
		if (!isEmpty()) {
			for (Reference r : refs.values()) {
				l.add(r.sub);
			}
		}
		return l;
	}

	/**
	 * Runs an action for every reference, over a copy.
	 * @param action gets the resource ID and its subscription
	 */
	void forEach(BiConsumer<String, Subscription> action) {
		if (isEmpty()) {
			return;
		}
		for (Map.Entry<String, Reference> e : new ArrayList<>(refs.entrySet())) {
			action.accept(e.getKey(), e.getValue().sub);
		}
	}

	/**
	 * Drops every reference, unsubscribing each referenced resource once.
	 * @param sent whether the referrer had been sent to the client
	 * @param tryDelete whether to drop what nothing holds any more at once
	 */
	void releaseAll(boolean sent, boolean tryDelete) {
		if (isEmpty()) {
			return;
		}
		Map<String, Reference> all = refs;
		refs = null;
		for (Reference r : all.values()) {
			conn.unsubscribe(r.sub, false, sent, 1, tryDelete);
		}
	}
}
