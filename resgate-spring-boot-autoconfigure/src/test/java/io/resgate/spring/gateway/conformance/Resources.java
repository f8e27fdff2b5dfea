package io.resgate.spring.gateway.conformance;

import java.util.Map;

/**
 * The shared resource fixtures of the scenarios, the same shapes Resgate's suite uses: plain
 * models and collections, parents and grandparents, soft references, data values, cycles and
 * errors. Names start with {@code test.} and are rewritten per scenario by {@link Names}.
 */
final class Resources {

	private static final Map<String, String> MODELS = Map.ofEntries(
			Map.entry("test.model", "{'string':'foo','int':42,'bool':true,'null':null}"),
			Map.entry("test.model.parent", "{'name':'parent','child':{'rid':'test.model'}}"),
			Map.entry("test.model.secondparent", "{'name':'secondparent','child':{'rid':'test.model'}}"),
			Map.entry("test.model.grandparent", "{'name':'grandparent','child':{'rid':'test.model.parent'}}"),
			Map.entry("test.model.brokenchild", "{'name':'brokenchild','child':{'rid':'test.err.notFound'}}"),
			Map.entry("test.model.soft", "{'name':'soft','child':{'rid':'test.model','soft':true}}"),
			Map.entry("test.model.soft.parent", "{'name':'softparent','child':{'rid':'test.model.soft','soft':false}}"),
			Map.entry("test.model.data", "{'name':'data','primitive':{'data':12},'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'bar'}]}}"),
			Map.entry("test.model.data.parent", "{'name':'dataparent','child':{'rid':'test.model.data'}}"),
			Map.entry("test.m.a", "{'a':{'rid':'test.m.a'}}"),
			Map.entry("test.m.b", "{'c':{'rid':'test.m.c'}}"),
			Map.entry("test.m.c", "{'b':{'rid':'test.m.b'}}"),
			Map.entry("test.m.d", "{'e':{'rid':'test.m.e'},'f':{'rid':'test.m.f'}}"),
			Map.entry("test.m.e", "{'d':{'rid':'test.m.d'}}"),
			Map.entry("test.m.f", "{'d':{'rid':'test.m.d'}}"),
			Map.entry("test.m.g", "{'e':{'rid':'test.m.e'},'f':{'rid':'test.m.f'}}"),
			Map.entry("test.m.h", "{'e':{'rid':'test.m.e'}}"));

	private static final Map<String, String> COLLECTIONS = Map.ofEntries(
			Map.entry("test.collection", "['foo',42,true,null]"),
			Map.entry("test.collection.parent", "['parent',{'rid':'test.collection'}]"),
			Map.entry("test.collection.secondparent", "['secondparent',{'rid':'test.collection'}]"),
			Map.entry("test.collection.grandparent", "['grandparent',{'rid':'test.collection.parent'}]"),
			Map.entry("test.collection.brokenchild", "['brokenchild',{'rid':'test.err.notFound'}]"),
			Map.entry("test.collection.soft", "['soft',{'rid':'test.collection','soft':true}]"),
			Map.entry("test.collection.soft.parent", "['softparent',{'rid':'test.collection.soft','soft':false}]"),
			Map.entry("test.collection.data", "['data',{'data':12},{'data':{'foo':['bar']}},{'data':[{'foo':'bar'}]}]"),
			Map.entry("test.collection.data.parent", "['dataparent',{'rid':'test.collection.data'}]"),
			Map.entry("test.collection.empty", "[]"),
			Map.entry("test.c.a", "[{'rid':'test.c.a'}]"),
			Map.entry("test.c.b", "[{'rid':'test.c.c'}]"),
			Map.entry("test.c.c", "[{'rid':'test.c.b'}]"),
			Map.entry("test.c.d", "[{'rid':'test.c.e'},{'rid':'test.c.f'}]"),
			Map.entry("test.c.e", "[{'rid':'test.c.d'}]"),
			Map.entry("test.c.f", "[{'rid':'test.c.d'}]"),
			Map.entry("test.c.g", "[{'rid':'test.c.e'},{'rid':'test.c.f'}]"),
			Map.entry("test.c.h", "[{'rid':'test.c.e'}]"));

	private static final Map<String, String> ERRORS = Map.of(
			"test.err.notFound", "{'code':'system.notFound','message':'Not found'}",
			"test.err.internalError", "{'code':'system.internalError','message':'Internal error'}",
			"test.err.timeout", "{'code':'system.timeout','message':'Request timeout'}");

	/** How a current client sees fixtures holding data values: primitives unwrapped, the rest kept. */
	private static final Map<String, String> CLIENT_VIEW = Map.of(
			"test.model.data", "{'name':'data','primitive':12,'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'bar'}]}}",
			"test.collection.data", "['data',12,{'data':{'foo':['bar']}},{'data':[{'foo':'bar'}]}]");

	/** How a v1.2.0 client sees fixtures with soft references and data values, which it does not know. */
	private static final Map<String, String> CLIENT_VIEW_1_2_0 = Map.of(
			"test.model.soft", "{'name':'soft','child':'test.model'}",
			"test.model.data", "{'name':'data','primitive':12,'object':'[Data]','array':'[Data]'}",
			"test.collection.soft", "['soft','test.collection']",
			"test.collection.data", "['data',12,'[Data]','[Data]']");

	private Resources() {
	}

	/** @return the fixture as a client of the given protocol version sees it */
	static String clientView(String rid, String version) {
		if ("1.2.0".equals(version) && CLIENT_VIEW_1_2_0.containsKey(rid)) {
			return CLIENT_VIEW_1_2_0.get(rid);
		}
		return CLIENT_VIEW.getOrDefault(rid, data(rid));
	}

	/** @return the resources a non-soft reference of the fixture points to, in order */
	static java.util.List<String> references(String rid) {
		java.util.List<String> refs = new java.util.ArrayList<>();
		if (isError(rid)) {
			return refs;
		}
		for (tools.jackson.databind.JsonNode v : Json.expected(data(rid))) {
			if (v.isObject() && v.has("rid") && !v.path("soft").asBoolean(false)) {
				refs.add(v.get("rid").asString());
			}
		}
		return refs;
	}

	/** @return the fixture and everything it references (non-soft), recursively, each once */
	static java.util.LinkedHashSet<String> closure(String rid) {
		java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
		java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(java.util.List.of(rid));
		while (!todo.isEmpty()) {
			String r = todo.poll();
			if (out.add(r)) {
				todo.addAll(references(r));
			}
		}
		return out;
	}

	static boolean isModel(String rid) {
		return MODELS.containsKey(rid);
	}

	static boolean isCollection(String rid) {
		return COLLECTIONS.containsKey(rid);
	}

	static boolean isError(String rid) {
		return ERRORS.containsKey(rid);
	}

	/** @return the model, collection or error JSON of a fixture */
	static String data(String rid) {
		String data = MODELS.getOrDefault(rid, COLLECTIONS.getOrDefault(rid, ERRORS.get(rid)));
		if (data == null) {
			throw new IllegalArgumentException("no fixture resource " + rid);
		}
		return data;
	}

	/** @return the get response for a fixture */
	static String response(String rid) {
		if (isModel(rid)) {
			return "{'result':{'model':" + MODELS.get(rid) + "}}";
		}
		if (isCollection(rid)) {
			return "{'result':{'collection':" + COLLECTIONS.get(rid) + "}}";
		}
		return "{'error':" + data(rid) + "}";
	}

	/**
	 * @return the resource set member for a list of fixtures, such as
	 * {@code {'models':{...},'collections':{...},'errors':{...}}}
	 */
	static String set(String... rids) {
		return setFor(null, java.util.Arrays.asList(rids));
	}

	/** @return the resource set of fixtures as a client of the given version sees it */
	static String setFor(String version, java.util.Collection<String> rids) {
		StringBuilder models = new StringBuilder();
		StringBuilder collections = new StringBuilder();
		StringBuilder errors = new StringBuilder();
		for (String rid : rids) {
			StringBuilder target = isModel(rid) ? models : isCollection(rid) ? collections : errors;
			if (target.length() > 0) {
				target.append(',');
			}
			target.append('\'').append(rid).append("':").append(clientView(rid, version));
		}
		StringBuilder out = new StringBuilder("{");
		append(out, "models", models);
		append(out, "collections", collections);
		append(out, "errors", errors);
		return out.append('}').toString();
	}

	private static void append(StringBuilder out, String key, StringBuilder members) {
		if (members.length() == 0) {
			return;
		}
		if (out.length() > 1) {
			out.append(',');
		}
		out.append('\'').append(key).append("':{").append(members).append('}');
	}
}
