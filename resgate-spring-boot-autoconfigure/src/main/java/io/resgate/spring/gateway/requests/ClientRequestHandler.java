package io.resgate.spring.gateway.requests;

import java.math.BigInteger;

import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.ClientMessages;
import io.resgate.spring.gateway.session.GatewayStats;
import io.resgate.spring.gateway.session.ResourceSet;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.Subjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles RES-Client requests ({@code {"id":..,"method":..,"params":..}} frames) on a connection:
 * parses the request method, dispatches it to the connection and queues the response frame.
 * Frames that are not JSON objects, or have no valid {@code id}, are ignored.
 */
public final class ClientRequestHandler {

	private static final Log logger = LogFactory.getLog(ClientRequestHandler.class);

	private static final BigInteger MAX_ID = new BigInteger("18446744073709551615");

	private final ClientMessages messages;

	private final GatewayStats stats;

	/**
	 * Creates the handler.
	 * @param messages the client frame encoder
	 * @param stats the gateway's traffic totals, counting each answered request
	 */
	public ClientRequestHandler(ClientMessages messages, GatewayStats stats) {
		this.messages = messages;
		this.stats = stats;
	}

	/**
	 * Handles one incoming frame, in the connection's serial context.
	 * @param conn the connection
	 * @param frame the frame text
	 */
	public void handle(ClientConnection conn, String frame) {
		conn.enqueue(() -> handleNow(conn, frame));
	}

	private void handleNow(ClientConnection conn, String frame) {
		JsonNode req;
		try {
			req = messages.codec().mapper().readTree(frame);
		}
		catch (JacksonException ex) {
			logger.debug("Ignoring malformed client frame on [" + conn.cid() + "]");
			return;
		}
		if (req == null || !req.isObject()) {
			return;
		}
		JsonNode id = req.get("id");
		if (!isValidId(id)) {
			return;
		}
		JsonNode m = req.get("method");
		if (m != null && !m.isNull() && !m.isString()) {
			return;
		}
		String method = (m == null || m.isNull()) ? "" : m.asString();
		JsonNode params = req.get("params");
		if (params != null && params.isNull()) {
			params = null;
		}
		dispatch(conn, id, method, params);
	}

	private static boolean isValidId(JsonNode id) {
		if (id == null || !id.isIntegralNumber()) {
			return false;
		}
		BigInteger v = id.bigIntegerValue();
		return v.signum() >= 0 && v.compareTo(MAX_ID) <= 0;
	}

	private void dispatch(ClientConnection conn, JsonNode id, String method, JsonNode params) {
		int dot = method.indexOf('.');
		if (dot < 0) {
			if (method.equals("version")) {
				version(conn, id, params);
			}
			else {
				invalid(conn, id);
			}
			return;
		}
		String action = method.substring(0, dot);
		String rid = method.substring(dot + 1);
		String resourceMethod = null;
		if (action.equals("call") || action.equals("auth")) {
			int last = rid.lastIndexOf('.');
			if (last < 0) {
				invalid(conn, id);
				return;
			}
			resourceMethod = rid.substring(last + 1);
			if (!Subjects.isValidMethod(resourceMethod)) {
				invalid(conn, id);
				return;
			}
			rid = rid.substring(0, last);
		}
		if (!Rid.isValid(rid)) {
			invalid(conn, id);
			return;
		}
		switch (action) {
			case "get" -> conn.getResource(rid, (set, err) -> replyResources(conn, id, action, set, err));
			case "subscribe" -> conn.subscribeResource(rid, (set, err) -> replyResources(conn, id, action, set, err));
			case "unsubscribe" -> unsubscribe(conn, id, rid, params);
			case "call" -> conn.callResource(rid, resourceMethod, params, (r, err) -> reply(conn, id, action, r, err));
			case "auth" -> conn.authResource(rid, resourceMethod, params, (r, err) -> reply(conn, id, action, r, err));
			case "new" -> conn.newResource(rid, params, (r, err) -> reply(conn, id, action, r, err));
			default -> invalid(conn, id);
		}
	}

	private void invalid(ClientConnection conn, JsonNode id) {
		stats.request("invalid", false);
		conn.send(messages.error(id, ResError.INVALID_REQUEST));
	}

	private void version(ClientConnection conn, JsonNode id, JsonNode params) {
		String protocol = "";
		if (params != null) {
			JsonNode p = params.isObject() ? params.get("protocol") : null;
			if (!params.isObject() || (p != null && !p.isNull() && !p.isString())) {
				stats.request("version", false);
				conn.send(messages.error(id, ResError.INVALID_PARAMS));
				return;
			}
			protocol = (p == null || p.isNull()) ? "" : p.asString();
		}
		try {
			String v = conn.setVersion(protocol);
			ObjectNode r = JsonNodeFactory.instance.objectNode();
			r.put("protocol", v);
			stats.request("version", true);
			conn.send(messages.result(id, r));
		}
		catch (ResException ex) {
			stats.request("version", false);
			conn.send(messages.error(id, ex.getError()));
		}
	}

	private void unsubscribe(ClientConnection conn, JsonNode id, String rid, JsonNode params) {
		int count = 1;
		if (params != null) {
			JsonNode c = params.isObject() ? params.get("count") : null;
			if (!params.isObject() || (c != null && !c.isNull() && (!c.isIntegralNumber() || !c.canConvertToInt()))) {
				stats.request("unsubscribe", false);
				conn.send(messages.error(id, ResError.INVALID_PARAMS));
				return;
			}
			if (c != null && !c.isNull()) {
				count = c.asInt();
				if (count <= 0) {
					stats.request("unsubscribe", false);
					conn.send(messages.error(id, ResError.INVALID_PARAMS));
					return;
				}
			}
		}
		boolean unsubscribed = conn.unsubscribeResource(rid, count);
		stats.request("unsubscribe", unsubscribed);
		if (unsubscribed) {
			conn.send(messages.result(id, null));
		}
		else {
			conn.send(messages.error(id, ResError.NO_SUBSCRIPTION));
		}
	}

	private void replyResources(ClientConnection conn, JsonNode id, String action, ResourceSet set, ResError err) {
		stats.request(action, err == null);
		if (err != null) {
			conn.send(messages.error(id, err));
			return;
		}
		conn.send(messages.result(id, set.addTo(JsonNodeFactory.instance.objectNode(), messages.codec())));
	}

	private void reply(ClientConnection conn, JsonNode id, String action, JsonNode result, ResError err) {
		stats.request(action, err == null);
		if (err != null) {
			conn.send(messages.error(id, err));
			return;
		}
		conn.send(messages.result(id, (result == null) ? JsonNodeFactory.instance.nullNode() : result));
	}
}
