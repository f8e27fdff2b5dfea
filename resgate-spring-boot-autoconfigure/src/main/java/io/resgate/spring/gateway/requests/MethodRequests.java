package io.resgate.spring.gateway.requests;

import java.util.function.Consumer;

import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.Subscription;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResError;

/**
 * Call, auth and new requests, for every transport. A call needs call access: the access result the
 * connection keeps while it subscribes the resource, or else an access request (over HTTP with
 * {@code isHttp}, where a 3XX-5XX meta status answers at once). Auth needs no access. Params are
 * passed to the service as the client sent them. Runs in the connection's serial context.
 */
public final class MethodRequests {

	/**
	 * Handles a call request.
	 * @param conn the connection
	 * @param rid the resource ID as the client knows it
	 * @param method the method
	 * @param params the parameters, or {@code null}
	 * @param answer receives the outcome, in the connection's context
	 */
	public void call(ClientConnection conn, String rid, String method, RawJson params, Consumer<CallOutcome> answer) {
		Subscription sub = conn.accessTo(rid);
		sub.access(a -> {
			Meta meta = a.meta();
			if (ResourceRequests.isDirectResponseStatus(meta)) {
				answer.accept(new CallOutcome(CallResponse.failed(a.error()), meta));
				return;
			}
			ResError err = a.canCall(method);
			if (err != null) {
				answer.accept(new CallOutcome(CallResponse.failed(err), meta));
				return;
			}
			conn.sendCall(sub, method, params, r -> answer.accept(new CallOutcome(r, meta)));
		});
	}

	/**
	 * Handles an auth request.
	 * @param conn the connection
	 * @param rid the resource ID as the client knows it
	 * @param method the method
	 * @param params the parameters, or {@code null}
	 * @param answer receives the service's response, in the connection's context
	 */
	public void auth(ClientConnection conn, String rid, String method, RawJson params, Consumer<CallResponse> answer) {
		conn.sendAuth(rid, method, params, false, conn.isHttp(), answer);
	}

	/**
	 * Sends the auth request the gateway makes itself with the headers of the client's HTTP request:
	 * on a WebSocket upgrade, or before an HTTP API request ({@code isHttp}, no params).
	 * @param conn the connection
	 * @param rid the resource ID of the auth method
	 * @param method the method
	 * @param answer receives the service's response, in the connection's context
	 */
	public void headerAuth(ClientConnection conn, String rid, String method, Consumer<CallResponse> answer) {
		conn.sendAuth(rid, method, null, true, true, answer);
	}

	/**
	 * Handles a deprecated new request: a call of the {@code new} method, which must be answered
	 * with a resource.
	 * @param conn the connection
	 * @param rid the resource ID as the client knows it
	 * @param params the parameters, or {@code null}
	 * @param answer receives the outcome, in the connection's context: a resource ID or an error
	 */
	public void newResource(ClientConnection conn, String rid, RawJson params, Consumer<CallResponse> answer) {
		call(conn, rid, "new", params, o -> {
			CallResponse r = o.result();
			if (!r.isError() && r.rid() == null) {
				r = CallResponse.failed(ResError.internalError("non-resource response on new request"));
			}
			answer.accept(r);
		});
	}
}
