package io.resgate.spring.gateway.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.resgate.spring.gateway.auth.ConnectionToken;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One HTTP API request served through a temporary client connection of the gateway, as Resgate
 * does: the token of the request's authentication (a {@link ConnectionToken}) if any, then
 * optional header authentication (its token, set by a connection token event, holds
 * for this request only), then access and the resource or the call. The meta objects of the
 * auth, access and call responses are merged in that order.
 */
final class ApiExchange {

	private static final Log logger = LogFactory.getLog(ApiExchange.class);

	private final GatewayService gateway;

	private final HttpApiSettings settings;

	private final ApiPath apiPath;

	private final ApiEncoder encoder;

	private final ApiReplies replies;

	private final HttpReply reply;

	private final String httpMethod;

	private final Consumer<HttpReply> onDone;

	private final ConnectionToken token;

	private final AtomicBoolean done = new AtomicBoolean();

	private volatile ClientConnection conn;

	private Meta authMeta;

	ApiExchange(GatewayService gateway, HttpApiSettings settings, ApiPath apiPath, ApiEncoder encoder,
			ApiReplies replies, HttpReply reply, String httpMethod, ConnectionToken token, Consumer<HttpReply> onDone) {
		this.token = token;
		this.gateway = gateway;
		this.settings = settings;
		this.apiPath = apiPath;
		this.encoder = encoder;
		this.replies = replies;
		this.reply = reply;
		this.httpMethod = httpMethod;
		this.onDone = onDone;
	}

	/**
	 * Serves a GET (or HEAD) request.
	 * @param info the client's HTTP request, for header auth; {@code null} without header auth
	 * @param rid the resource ID
	 */
	void get(HttpRequestInfo info, String rid) {
		start(info, () -> gateway.resourceRequests().get(conn, rid, r -> {
			Meta meta = r.meta();
			byte[] body = null;
			ResError error = r.error();
			if (error == null && !MetaHeaders.isDirectResponseStatus(meta)) {
				try {
					body = encoder.encodeResource(rid, r.resources());
				}
				catch (RuntimeException ex) {
					logger.error("Encoding " + rid + " for an HTTP response failed", ex);
					error = ResError.internalError(String.valueOf(ex.getMessage()));
				}
			}
			finish(new ApiReplies.Outcome(body, null, error, meta));
		}));
	}

	/**
	 * Serves a call: POST, or a mapped PUT, DELETE or PATCH.
	 * @param info the client's HTTP request, for header auth; {@code null} without header auth
	 * @param rid the resource ID
	 * @param method the call method
	 * @param params the parameters
	 */
	void call(HttpRequestInfo info, String rid, String method, RawJson params) {
		start(info, () -> gateway.methodRequests().call(conn, rid, method, params, r -> onCall(r.result(), r.accessMeta())));
	}

	private void onCall(CallResponse r, Meta accessMeta) {
		Meta meta = MetaHeaders.merge(accessMeta, r.meta());
		if (r.isError()) {
			finish(new ApiReplies.Outcome(null, null, r.error(), meta));
		}
		else if (r.rid() != null) {
			finish(new ApiReplies.Outcome(null, apiPath.toPath(r.rid()), null, meta));
		}
		else {
			byte[] body = MetaHeaders.isDirectResponseStatus(meta) ? null : encoder.encodeResult(r.result());
			finish(new ApiReplies.Outcome(body, null, null, meta));
		}
	}

	private void start(HttpRequestInfo info, Runnable request) {
		conn = gateway.connectHttp(info, settings.headerAuth() != null);
		conn.enqueueNow(() -> {
			if (token != null) {
				conn.setRequestToken(token.token(), token.tid(), null);
			}
			if (settings.headerAuth() == null) {
				request.run();
				return;
			}
			gateway.methodRequests().headerAuth(conn, settings.headerAuthRid(), settings.headerAuthMethod(), r -> {
				Meta m = r.meta();
				if (MetaHeaders.isDirectResponseStatus(m)) {
					if (done.compareAndSet(false, true)) {
						replies.statusReply(reply, m.status(), m.header(), apiPath.toPath(r.rid()), r.error());
						end();
					}
					return;
				}
				authMeta = m;
				request.run();
			});
		});
	}

	private void finish(ApiReplies.Outcome outcome) {
		if (!done.compareAndSet(false, true)) {
			return;
		}
		Meta meta = MetaHeaders.merge(authMeta, outcome.meta());
		replies.complete(reply, new ApiReplies.Outcome(outcome.body(), outcome.href(), outcome.error(), meta),
				httpMethod);
		end();
	}

	/**
	 * Ends the request without an answer from the gateway, as when the client's response timed
	 * out; the caller writes the returned reply itself.
	 * @param error the error to answer with
	 * @return the reply to write, or {@code null} if the request had already ended
	 */
	HttpReply abort(ResError error) {
		if (!done.compareAndSet(false, true)) {
			return null;
		}
		replies.errorReply(reply, error);
		if (conn != null) {
			gateway.disconnected(conn);
		}
		return reply;
	}

	private void end() {
		if (conn != null) {
			gateway.disconnected(conn);
		}
		onDone.accept(reply);
	}
}
