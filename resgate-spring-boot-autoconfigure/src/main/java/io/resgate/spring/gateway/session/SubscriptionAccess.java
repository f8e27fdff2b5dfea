package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.Throttle;
import io.resgate.spring.protocol.AccessResponse;
import io.resgate.spring.protocol.ResError;

/**
 * A subscription's access result: kept while the subscription lasts (a real answer or an explicit
 * denial, not a failure), else asked for with one access request however many wait for it; and the
 * checks again after a token change or a system reset. Confined to the connection's serial context.
 */
final class SubscriptionAccess {

	private final Subscription sub;

	private final ClientConnection conn;

	private AccessResponse kept;

	private boolean recheckPending;

	/** Who waits for the access request in flight, or {@code null} if none is. */
	private List<Consumer<AccessResponse>> waiting;

	SubscriptionAccess(Subscription sub, ClientConnection conn) {
		this.sub = sub;
		this.conn = conn;
	}

	/**
	 * Gets the access result: the kept one, or from an access request (joining one in flight).
	 * @param callback receives the result, in the connection's context
	 * @param throttle a throttle for the access request, or {@code null}
	 */
	void get(Consumer<AccessResponse> callback, Throttle throttle) {
		if (kept != null) {
			callback.accept(kept);
			return;
		}
		if (waiting != null) {
			waiting.add(callback);
			return;
		}
		waiting = new ArrayList<>(2);
		waiting.add(callback);
		Runnable send = () -> conn.access(sub, a -> {
			if (throttle != null) {
				throttle.done();
			}
			conn.enqueueNow(() -> answered(a));
		});
		if (throttle != null) {
			throttle.add(send);
		}
		else {
			send.run();
		}
	}

	private void answered(AccessResponse a) {
		if (sub.isDisposed()) {
			return;
		}
		List<Consumer<AccessResponse>> callbacks = waiting;
		waiting = null;
		if (a.isCacheable()) {
			kept = a;
		}
		for (Consumer<AccessResponse> cb : callbacks) {
			cb.accept(a);
		}
	}

	/** @return whether access is to be checked again once the subscription's events are no longer held */
	boolean recheckPending() {
		return recheckPending;
	}

	/**
	 * Checks access again, as after a token change or a system reset: at once, or once the
	 * subscription's events are no longer held. Events are held while the access request is out; a
	 * client that lost access loses its direct subscriptions, while an unavailable service only
	 * makes the check happen again later.
	 * @param throttle a throttle for the access request, or {@code null}
	 */
	void recheck(Throttle throttle) {
		SubscriptionEvents events = sub.events();
		if (events.isHeld()) {
			recheckPending = true;
			return;
		}
		kept = null;
		recheckPending = false;
		if (sub.direct == 0) {
			return;
		}
		events.hold(SubscriptionEvents.HOLD_REACCESS);
		get(a -> {
			ResError err = a.canGet();
			if (err != null && err.is(ResError.CODE_SERVICE_UNAVAILABLE)) {
				// unknown, not denied: keep the subscription and ask again later
				if (sub.resource() != null) {
					sub.resource().resyncLater();
				}
			}
			else if (err != null) {
				sub.unsubscribeDirect(err);
			}
			events.release(SubscriptionEvents.HOLD_REACCESS);
		}, throttle);
	}
}
