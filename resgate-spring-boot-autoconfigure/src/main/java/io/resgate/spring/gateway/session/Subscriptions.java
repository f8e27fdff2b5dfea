package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.ResourceCache;
import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;

/**
 * A connection's subscriptions by resource ID as the client knows it, with their direct and
 * indirect counts: a subscription is created (and its resource loaded through the cache) when first
 * counted, and dropped when nothing holds it any more ({@link SubscriptionCollector}). Confined to
 * the connection's serial context.
 */
final class Subscriptions {

	/** The largest number of direct subscriptions of one resource per connection. */
	static final int LIMIT = 256;

	private static final ResError LIMIT_EXCEEDED = new ResError("system.subscriptionLimitExceeded",
			"Subscription limit exceeded");

	private final ClientConnection conn;

	private final ResourceCache cache;

	private final int referenceThrottle;

	private final Map<String, Subscription> subs = new HashMap<>();

	private boolean disposed;

	Subscriptions(ClientConnection conn, ResourceCache cache, int referenceThrottle) {
		this.conn = conn;
		this.cache = cache;
		this.referenceThrottle = referenceThrottle;
	}

	Subscription get(String rid) {
		return subs.get(rid);
	}

	/**
	 * Counts a direct or indirect subscription of a resource, creating the subscription if needed.
	 * @param rid the resource ID as the client knows it
	 * @param isDirect whether the subscription is direct
	 * @param throttle the throttle for reference gets, or {@code null} for a new one
	 * @return the subscription
	 * @throws ResException if the connection is closing or the resource has too many direct subscriptions
	 */
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
		sub = new Subscription(conn, rid, t);
		addCount(sub, isDirect);
		cache.subscribe(sub, t);
		subs.put(rid, sub);
		return sub;
	}

	private static void addCount(Subscription sub, boolean isDirect) {
		if (isDirect) {
			if (sub.direct >= LIMIT) {
				throw new ResException(LIMIT_EXCEEDED);
			}
			sub.direct++;
		}
		else {
			sub.indirect++;
		}
	}

	/**
	 * Uncounts subscriptions of a resource.
	 * @param sub the subscription
	 * @param isDirect whether direct subscriptions are uncounted
	 * @param sent whether the referrer of indirect ones had been sent to the client
	 * @param count how many
	 * @param tryDelete whether to drop what nothing holds any more
	 */
	void unsubscribe(Subscription sub, boolean isDirect, boolean sent, int count, boolean tryDelete) {
		if (disposed || sub.direct + sub.indirect + sub.indirectSent == 0) {
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
			SubscriptionCollector.collect(conn, sub);
		}
	}

	void forget(String rid) {
		subs.remove(rid);
	}

	/**
	 * Handles an unsubscribe request, after the subscribe and get requests of the resource still
	 * pending: it acts on the subscriptions the client was told of.
	 * @param rid the resource ID
	 * @param count the number of direct subscriptions to remove
	 * @param callback told whether there were that many
	 */
	void unsubscribeResource(String rid, int count, Consumer<Boolean> callback) {
		Subscription sub = disposed ? null : subs.get(rid);
		if (sub == null) {
			callback.accept(false);
			return;
		}
		sub.afterPendingRequests(() -> callback.accept(unsubscribeNow(rid, count)));
	}

	private boolean unsubscribeNow(String rid, int count) {
		Subscription sub = disposed ? null : subs.get(rid);
		if (sub == null || sub.direct < count) {
			return false;
		}
		unsubscribe(sub, true, false, count, true);
		return true;
	}

	/** @return the resource IDs subscribed */
	Set<String> rids() {
		return Set.copyOf(subs.keySet());
	}

	/** Checks access to every subscription again, as after a token change. */
	void reaccessAll() {
		for (Subscription s : new ArrayList<>(subs.values())) {
			s.reaccessNow(null);
		}
	}

	/** Drops every subscription, for good. */
	void disposeAll() {
		disposed = true;
		List<Subscription> all = new ArrayList<>(subs.values());
		subs.clear();
		for (Subscription s : all) {
			s.dispose();
		}
	}
}
