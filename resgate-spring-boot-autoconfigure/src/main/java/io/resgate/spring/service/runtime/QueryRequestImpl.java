package io.resgate.spring.service.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.resgate.spring.messaging.Message;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.events.QueryRequest;

/**
 * A query request received on a query event's subject.
 */
final class QueryRequestImpl implements QueryRequest {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	private final ServiceCore core;

	private final String resourceName;

	private final Map<String, String> pathParams;

	private final ResourceKind kind;

	private final Message message;

	private final ArrayNode events = JsonNodeFactory.instance.arrayNode();

	private String query;

	private boolean replied;

	QueryRequestImpl(ServiceCore core, String resourceName, Map<String, String> pathParams, ResourceKind kind,
			Message message) {
		this.core = core;
		this.resourceName = resourceName;
		this.pathParams = pathParams;
		this.kind = kind;
		this.message = message;
	}

	void handle(Consumer<QueryRequest> handler) {
		try {
			JsonNode payload = core.codec().tree(message.data());
			JsonNode q = payload.get("query");
			query = (q != null && q.isString()) ? q.asString() : "";
		}
		catch (ResException ex) {
			reply(Responses.error(core.codec(), ex.getError(), null));
			return;
		}
		if (query.isEmpty()) {
			logger.error("Missing query on query request for " + resourceName);
			reply(Responses.MISSING_QUERY);
			return;
		}
		try {
			handler.accept(this);
		}
		catch (RuntimeException ex) {
			if (!replied) {
				ResError err;
				if (ErrorMapper.unwrap(ex) instanceof ResException re) {
					err = re.getError();
				}
				else {
					logger.error("Error handling query request for " + resourceName, ex);
					err = ResError.INTERNAL_ERROR;
				}
				reply(Responses.error(core.codec(), err, null));
			}
			return;
		}
		if (replied) {
			return;
		}
		if (events.isEmpty()) {
			reply(Responses.NO_QUERY_EVENTS);
			return;
		}
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		result.set("events", events);
		reply(Responses.result(core.codec(), result, null));
	}

	private void reply(byte[] payload) {
		if (replied) {
			logger.error("Response already sent on query request for " + resourceName);
			return;
		}
		replied = true;
		core.publish(message.replyTo(), payload);
	}

	@Override
	public String resourceName() {
		return resourceName;
	}

	@Override
	public String query() {
		return query;
	}

	@Override
	public Map<String, List<String>> queryParams() {
		return QueryStrings.parse(query);
	}

	@Override
	public String pathParam(String name) {
		return pathParams.get(name);
	}

	@Override
	public void change(Map<String, ?> values) {
		if (kind == ResourceKind.COLLECTION) {
			throw new IllegalArgumentException("change events are not allowed on query collections");
		}
		if (values == null || values.isEmpty()) {
			return;
		}
		ObjectNode v = JsonNodeFactory.instance.objectNode();
		values.forEach((k, val) -> v.set(k, core.toTree(val)));
		String problem = ValueChecker.objectProblem(v, true);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid change event for " + resourceName + ": " + problem);
		}
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.set("values", v);
		event("change", data);
	}

	@Override
	public void add(Object value, int idx) {
		if (kind == ResourceKind.MODEL) {
			throw new IllegalArgumentException("add events are not allowed on query models");
		}
		if (idx < 0) {
			throw new IllegalArgumentException("add event idx less than zero");
		}
		JsonNode v = core.toTree(value);
		String problem = ValueChecker.problem(v, false);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid add event value for " + resourceName + ": it is " + problem);
		}
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.set("value", v);
		data.put("idx", idx);
		event("add", data);
	}

	@Override
	public void remove(int idx) {
		if (kind == ResourceKind.MODEL) {
			throw new IllegalArgumentException("remove events are not allowed on query models");
		}
		if (idx < 0) {
			throw new IllegalArgumentException("remove event idx less than zero");
		}
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.put("idx", idx);
		event("remove", data);
	}

	private void event(String name, ObjectNode data) {
		ObjectNode e = events.addObject();
		e.put("event", name);
		e.set("data", data);
	}

	@Override
	public void model(Object model) {
		if (kind == ResourceKind.COLLECTION) {
			throw new IllegalArgumentException("model response not allowed on query collections");
		}
		JsonNode m = core.toTree(model);
		String problem = m.isObject() ? ValueChecker.objectProblem(m, false) : "not an object";
		if (problem != null) {
			throw new IllegalArgumentException("Invalid model for " + resourceName + ": " + problem);
		}
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		result.set("model", m);
		reply(Responses.result(core.codec(), result, null));
	}

	@Override
	public void collection(List<?> collection) {
		if (kind == ResourceKind.MODEL) {
			throw new IllegalArgumentException("collection response not allowed on query models");
		}
		JsonNode c = core.toTree(collection);
		String problem = ValueChecker.arrayProblem(c);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid collection for " + resourceName + ": " + problem);
		}
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		result.set("collection", c);
		reply(Responses.result(core.codec(), result, null));
	}

	@Override
	public void notFound() {
		reply(Responses.NOT_FOUND);
	}

	@Override
	public void error(ResError error) {
		reply(Responses.error(core.codec(), error, null));
	}
}
