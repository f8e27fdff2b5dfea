package io.resgate.spring.gateway.requests;

import java.nio.charset.StandardCharsets;

import io.micrometer.observation.Observation;
import io.resgate.spring.gateway.cache.GatewayObservations;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.ClientMessages;
import io.resgate.spring.gateway.session.GatewayStats;
import io.resgate.spring.gateway.session.ProtocolVersion;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.Subjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles RES-Client requests ({@code {"id":..,"method":..,"params":..}} frames) on a connection:
 * reads the request (see {@link ClientRequestParser}), hands it to the request layer
 * ({@link ResourceRequests}, {@link MethodRequests}) and queues the response frame. Frames that are no request are ignored, as Resgate does; the params of call,
 * auth and new requests are passed on as they were sent.
 */
public final class ClientRequestHandler {

	private static final Log logger = LogFactory.getLog(ClientRequestHandler.class);

	private static final ResError TOO_DEEP = ResError
		.invalidRequest("Invalid request: nested deeper than " + ClientRequestParser.MAX_DEPTH + " levels");

	/** The answer to a request in a frame over the size limit. */
	static final ResError MESSAGE_TOO_LARGE = ResError.invalidRequest("Message too large");

	private final ClientMessages messages;

	private final GatewayStats stats;

	private final GatewayObservations observations;

	private final ClientRequestParser parser = new ClientRequestParser();

	private final ResourceRequests resources;

	private final MethodRequests methods;

	/**
	 * Creates the handler.
	 * @param messages the client frame encoder
	 * @param stats the gateway's traffic totals, counting each answered request
	 */
	public ClientRequestHandler(ClientMessages messages, GatewayStats stats) {
		this(messages, stats, GatewayObservations.NONE, new ResourceRequests(), new MethodRequests());
	}

	/**
	 * Creates the handler, observing every request.
	 * @param messages the client frame encoder
	 * @param stats the gateway's traffic totals, counting each answered request
	 * @param observations the gateway's observations
	 * @param resources the get, subscribe and unsubscribe requests
	 * @param methods the call, auth and new requests
	 */
	public ClientRequestHandler(ClientMessages messages, GatewayStats stats, GatewayObservations observations,
			ResourceRequests resources, MethodRequests methods) {
		this.messages = messages;
		this.stats = stats;
		this.observations = observations;
		this.resources = resources;
		this.methods = methods;
	}

	/**
	 * Handles one incoming text frame, in the connection's serial context.
	 * @param conn the connection
	 * @param frame the frame text
	 */
	public void handle(ClientConnection conn, String frame) {
		conn.enqueueNow(() -> handleNow(conn, frame.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Handles one incoming frame, in the connection's serial context.
	 * @param conn the connection
	 * @param frame the frame, UTF-8 JSON; not modified afterwards
	 */
	public void handle(ClientConnection conn, byte[] frame) {
		conn.enqueueNow(() -> handleNow(conn, frame));
	}

	/**
	 * Answers a request whose frame was too large to be read: with {@code system.invalidRequest} if
	 * its ID is in the start kept, in the connection's serial context. Without an ID it cannot be
	 * answered, as any frame without one.
	 * @param conn the connection
	 * @param prefix the start of the frame
	 */
	public void handleTooLarge(ClientConnection conn, byte[] prefix) {
		conn.enqueue(() -> {
			String id = ClientRequestParser.scanId(prefix, true);
			if (id == null) {
				logger.debug("Ignoring a too large client frame without a request ID on [" + conn.cid() + "]");
				return;
			}
			stats.request("invalid", false);
			conn.send(messages.error(id, MESSAGE_TOO_LARGE));
		});
	}

	private void handleNow(ClientConnection conn, byte[] frame) {
		long start = System.nanoTime();
		ClientRequest req;
		try {
			req = parser.parse(frame);
		}
		catch (ClientRequestParser.TooDeepException ex) {
			logger.debug("Client frame on [" + conn.cid() + "] nested deeper than " + ClientRequestParser.MAX_DEPTH
					+ " levels");
			if (ex.id() != null) {
				stats.request("invalid", false, start);
				conn.send(messages.error(ex.id(), TOO_DEEP));
			}
			return;
		}
		if (req == null) {
			logger.debug("Ignoring a client frame on [" + conn.cid() + "] that is no request");
			return;
		}
		HttpRequestInfo upgrade = conn.httpRequest();
		Observation observation = observations.clientRequest(req.method(), "websocket",
				(upgrade == null) ? null : upgrade.header());
		try (Observation.Scope scope = observation.openScope()) {
			dispatch(conn, req.id(), req.method(), req.params(), start, observation);
		}
	}

	private void dispatch(ClientConnection conn, String id, String method, RawJson params, long start,
			Observation observation) {
		int dot = method.indexOf('.');
		if (dot < 0) {
			if (method.equals("version")) {
				version(conn, id, params, start, observation);
			}
			else {
				invalid(conn, id, start, observation);
			}
			return;
		}
		String action = method.substring(0, dot);
		String rid = method.substring(dot + 1);
		String resourceMethod = null;
		if (action.equals("call") || action.equals("auth")) {
			int last = rid.lastIndexOf('.');
			if (last < 0) {
				invalid(conn, id, start, observation);
				return;
			}
			resourceMethod = rid.substring(last + 1);
			if (!Subjects.isValidMethod(resourceMethod)) {
				invalid(conn, id, start, observation);
				return;
			}
			rid = rid.substring(0, last);
		}
		if (!Rid.isValid(rid)) {
			invalid(conn, id, start, observation);
			return;
		}
		Answer answer = new Answer(conn, id, action, start, observation);
		switch (action) {
			case "get" -> resources.get(conn, rid, answer::resources);
			case "subscribe" -> resources.subscribe(conn, rid, answer::resources);
			case "unsubscribe" -> unsubscribe(conn, id, rid, params, start, observation);
			case "call" -> methods.call(conn, rid, resourceMethod, params, o -> answer.call(o.result()));
			case "auth" -> methods.auth(conn, rid, resourceMethod, params, answer::call);
			case "new" -> methods.newResource(conn, rid, params, answer::call);
			default -> invalid(conn, id, start, observation);
		}
	}

	private void invalid(ClientConnection conn, String id, long start, Observation observation) {
		answered("invalid", ResError.INVALID_REQUEST, start, observation);
		conn.send(messages.error(id, ResError.INVALID_REQUEST));
	}

	private void version(ClientConnection conn, String id, RawJson params, long start,
			Observation observation) {
		String protocol = "";
		if (params != null) {
			ClientRequestParser.Member p = parser.member(params, "protocol");
			if (p == null || (p.token() != null && p.token() != JsonToken.VALUE_NULL
					&& p.token() != JsonToken.VALUE_STRING)) {
				answered("version", ResError.INVALID_PARAMS, start, observation);
				conn.send(messages.error(id, ResError.INVALID_PARAMS));
				return;
			}
			protocol = (p.token() == JsonToken.VALUE_STRING) ? p.text() : "";
		}
		try {
			String v = conn.setVersion(protocol);
			ObjectNode r = JsonNodeFactory.instance.objectNode();
			r.put("protocol", v);
			answered("version", null, start, observation);
			conn.send(messages.result(id, r));
		}
		catch (ResException ex) {
			answered("version", ex.getError(), start, observation);
			conn.send(messages.error(id, ex.getError()));
		}
	}

	private void unsubscribe(ClientConnection conn, String id, String rid, RawJson params, long start,
			Observation observation) {
		int count = 1;
		if (params != null) {
			ClientRequestParser.Member c = parser.member(params, "count");
			if (c == null || (c.token() != null && c.token() != JsonToken.VALUE_NULL && !isInt(c))) {
				answered("unsubscribe", ResError.INVALID_PARAMS, start, observation);
				conn.send(messages.error(id, ResError.INVALID_PARAMS));
				return;
			}
			if (c.token() == JsonToken.VALUE_NUMBER_INT) {
				count = Integer.parseInt(c.text());
				if (count <= 0) {
					answered("unsubscribe", ResError.INVALID_PARAMS, start, observation);
					conn.send(messages.error(id, ResError.INVALID_PARAMS));
					return;
				}
			}
		}
		resources.unsubscribe(conn, rid, count, unsubscribed -> {
			answered("unsubscribe", unsubscribed ? null : ResError.NO_SUBSCRIPTION, start, observation);
			if (unsubscribed) {
				conn.send(messages.result(id, (JsonNode) null));
			}
			else {
				conn.send(messages.error(id, ResError.NO_SUBSCRIPTION));
			}
		});
	}

	/** Counts and times an answered request, and ends its observation. */
	private void answered(String type, ResError err, long start, Observation observation) {
		stats.request(type, err == null, start);
		GatewayObservations.stop(observation, (err == null) ? null : err.code());
	}

	private static boolean isInt(ClientRequestParser.Member m) {
		if (m.token() != JsonToken.VALUE_NUMBER_INT) {
			return false;
		}
		try {
			Integer.parseInt(m.text());
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** Answers one request: counts and times it, ends its observation and sends the response frame. */
	private final class Answer {

		private final ClientConnection conn;

		private final String id;

		private final String action;

		private final long start;

		private final Observation observation;

		Answer(ClientConnection conn, String id, String action, long start, Observation observation) {
			this.conn = conn;
			this.id = id;
			this.action = action;
			this.start = start;
			this.observation = observation;
		}

		/** Answers a get or subscribe request. */
		void resources(ResourceResult r) {
			answered(action, r.error(), start, observation);
			conn.send(r.isError() ? messages.error(id, r.error()) : messages.result(id, r.resources()));
		}

		/**
		 * Answers a call, auth or new request with the service's response: a payload, or a resource,
		 * which the client then subscribes (a client older than 1.2.0 gets its ID alone, as Resgate does).
		 */
		void call(CallResponse r) {
			if (r.isError()) {
				error(r.error());
			}
			else if (r.rid() == null) {
				answered(action, null, start, observation);
				conn.send(conn.protocolVersion() < ProtocolVersion.CALL_RESOURCE_RESPONSE
						? messages.result(id, r.result().bytes()) : messages.payloadResult(id, r.result()));
			}
			else if (conn.protocolVersion() < ProtocolVersion.CALL_RESOURCE_RESPONSE
					&& !action.equals("new")) {
				answered(action, null, start, observation);
				conn.send(messages.resourceResult(id, r.rid(), null, null));
			}
			else {
				resources.subscribeResponse(conn, r.rid(), rr -> {
					answered(action, null, start, observation);
					conn.send(messages.resourceResult(id, rr.rid(), rr.resources(), rr.error()));
				});
			}
		}

		private void error(ResError err) {
			answered(action, err, start, observation);
			conn.send(messages.error(id, err));
		}
	}
}
