package io.resgate.spring.gateway.requests;

import java.util.function.Consumer;

import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.Subscription;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;

/**
 * Get, subscribe and unsubscribe requests, for every transport: a direct subscription of the
 * resource (which loads it through the cache), the get access check (the subscription's kept
 * access result, or an access request, sent alongside the get), and the resource set once the
 * resource and everything it references is loaded. Runs in the connection's serial context.
 *
 * <p>Over HTTP the access request carries {@code isHttp}, and a 3XX-5XX status in its meta
 * answers at once, as Resgate does.
 */
public final class ResourceRequests {

	/**
	 * Handles a get request: the resource set without a lasting subscription.
	 * @param conn the connection
	 * @param rid the resource ID as the client knows it
	 * @param answer receives the result, in the connection's context
	 */
	public void get(ClientConnection conn, String rid, Consumer<ResourceResult> answer) {
		load(conn, rid, false, answer);
	}

	/**
	 * Handles a subscribe request: the resource set, and a subscription that lasts if it loaded.
	 * @param conn the connection
	 * @param rid the resource ID as the client knows it
	 * @param answer receives the result, in the connection's context
	 */
	public void subscribe(ClientConnection conn, String rid, Consumer<ResourceResult> answer) {
		load(conn, rid, true, answer);
	}

	/**
	 * Subscribes the resource of a resource response to a call, auth or new request, as a direct
	 * subscription: the resource set, or the error of the resource (for the response's {@code errors}).
	 * @param conn the connection
	 * @param rid the resource ID of the response
	 * @param answer receives the result, in the connection's context; failures of the resource itself
	 * are in its resource set
	 */
	public void subscribeResponse(ClientConnection conn, String rid, Consumer<ResourceResult> answer) {
		Subscription sub = subscribePending(conn, rid, answer);
		if (sub == null) {
			return;
		}
		sub.access(a -> {
			ResError err = a.canGet();
			if (err != null) {
				refuse(conn, sub, answer, new ResourceResult(rid, null, err, null));
				return;
			}
			sub.onReady(() -> {
				answer.accept(new ResourceResult(rid, sub.resources(), null, null));
				sub.releaseResources();
				sub.requestAnswered();
			});
		});
	}

	/**
	 * Handles an unsubscribe request. If subscribe or get requests of the resource are still
	 * pending, it waits for their answers: it acts on the subscriptions the client was told of.
	 * @param conn the connection
	 * @param rid the resource ID as the client knows it
	 * @param count the number of direct subscriptions to remove
	 * @param answer told whether there were that many
	 */
	public void unsubscribe(ClientConnection conn, String rid, int count, Consumer<Boolean> answer) {
		conn.unsubscribeResource(rid, count, answer);
	}

	/**
	 * Subscribes directly, checks get access and answers the resource set once it is loaded; the
	 * subscription is kept only if {@code keep} and the load succeeded.
	 */
	private void load(ClientConnection conn, String rid, boolean keep, Consumer<ResourceResult> answer) {
		Subscription sub = subscribePending(conn, rid, answer);
		if (sub == null) {
			return;
		}
		sub.access(a -> {
			Meta meta = a.meta();
			ResError err = isDirectResponseStatus(meta) ? a.error() : a.canGet();
			if (err != null || isDirectResponseStatus(meta)) {
				refuse(conn, sub, answer, new ResourceResult(rid, null, err, meta));
				return;
			}
			sub.onReady(() -> {
				ResError e = sub.error();
				if (e != null) {
					answer.accept(new ResourceResult(rid, null, e, meta));
					conn.releaseDirect(sub);
				}
				else {
					answer.accept(new ResourceResult(rid, sub.resources(), null, meta));
					sub.releaseResources();
					if (!keep) {
						conn.releaseDirect(sub);
					}
				}
				sub.requestAnswered();
			});
		});
	}

	/**
	 * Subscribes directly and marks a request of the subscription pending; a subscription refused
	 * (such as past the subscription limit) is answered here.
	 * @return the subscription, or {@code null} if refused
	 */
	private static Subscription subscribePending(ClientConnection conn, String rid, Consumer<ResourceResult> answer) {
		Subscription sub;
		try {
			sub = conn.subscribeDirect(rid);
		}
		catch (ResException ex) {
			answer.accept(new ResourceResult(rid, null, ex.getError(), null));
			return null;
		}
		sub.requestPending();
		return sub;
	}

	/** Answers a pending request whose access was refused, and drops its direct subscription. */
	private static void refuse(ClientConnection conn, Subscription sub, Consumer<ResourceResult> answer,
			ResourceResult result) {
		answer.accept(result);
		conn.releaseDirect(sub);
		sub.requestAnswered();
	}

	/**
	 * Tells if a meta status asks for an immediate response: 3XX, 4XX or 5XX.
	 * @param meta the meta, or {@code null}
	 * @return whether it does
	 */
	static boolean isDirectResponseStatus(Meta meta) {
		return meta != null && meta.status() != null && meta.status() >= 300 && meta.status() < 600;
	}
}
