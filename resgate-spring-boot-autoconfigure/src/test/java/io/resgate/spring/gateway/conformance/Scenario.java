package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test's view of a running gateway: its own service name, its scripted service, and the
 * clients it connects.
 */
final class Scenario implements AutoCloseable {

	/** The version a current client announces, as Resgate's suite does ("latest"). */
	static final String CLIENT_VERSION = "1.999.999";

	/** The version the gateway answers. */
	static final String PROTOCOL_VERSION = "1.2.3";

	private final RunningGateway gateway;

	private final Names names;

	private final ServiceBus bus;

	private final ScriptedService service;

	private final List<TestClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

	private int sentinels;

	private int querySubjects;

	Scenario(RunningGateway gateway, Names names) {
		this.gateway = gateway;
		this.names = names;
		this.bus = gateway.newServiceBus();
		this.service = new ScriptedService(bus, names);
	}

	ScriptedService service() {
		return service;
	}

	Names names() {
		return names;
	}

	RunningGateway gateway() {
		return gateway;
	}

	/** Rewrites {@code test.} to this scenario's service name. */
	String n(String text) {
		return names.of(text);
	}

	/** Connects a client that announces a current protocol version. */
	TestClient connect() {
		TestClient c = connectLegacy();
		c.request("version", "{'protocol':'" + CLIENT_VERSION + "'}").response()
			.assertResult("{'protocol':'" + PROTOCOL_VERSION + "'}");
		return c;
	}

	/** Connects a client that announces the given protocol version. */
	TestClient connectWithVersion(String version) {
		TestClient c = connectLegacy();
		c.request("version", "{'protocol':'" + version + "'}").response()
			.assertResult("{'protocol':'" + PROTOCOL_VERSION + "'}");
		return c;
	}

	/** Connects a client that sends no version request (a v1.1 client). */
	TestClient connectLegacy() {
		return connectWithHeaders(Map.of());
	}

	/** Connects with extra HTTP headers on the upgrade request, sending no version request. */
	TestClient connectWithHeaders(Map<String, String> headers) {
		TestClient c = TestClient.connect(gateway.http(), gateway.wsUri(), names, headers);
		clients.add(c);
		return c;
	}

	/**
	 * Starts connecting with extra HTTP headers, for scenarios where the gateway asks a service
	 * something (header authentication) before it completes the upgrade.
	 */
	java.util.concurrent.CompletableFuture<TestClient> connectAsync(Map<String, String> headers) {
		return java.util.concurrent.CompletableFuture.supplyAsync(() -> connectWithHeaders(headers));
	}

	/**
	 * Answers the get requests of these fixture resources, in whatever order they come, with their
	 * fixture data.
	 */
	Scenario serveGets(String... rids) {
		Set<String> expected = new HashSet<>();
		for (String rid : rids) {
			expected.add(n("get." + rid));
		}
		while (!expected.isEmpty()) {
			ServiceRequest r = service.awaitRequestStartingWith("get.");
			if (!expected.remove(r.subject())) {
				throw new AssertionError("Unexpected get request " + r + ", expected " + expected);
			}
			r.resource(r.subject().substring(4).replaceFirst("^" + names.service() + "\\.", "test."));
		}
		return this;
	}

	/**
	 * Subscribes a client to a fixture: grants access, serves the get requests of the resource and of
	 * the listed references, and asserts the resource set of all of them.
	 * @return the cid the gateway gave the connection
	 */
	String subscribe(TestClient client, String rid, String... references) {
		TestClient.ClientRequest req = client.request("subscribe." + rid);
		ServiceRequest access = service.awaitRequest("access." + rid);
		String cid = access.cid();
		access.accessGranted();
		String[] all = new String[references.length + 1];
		all[0] = rid;
		System.arraycopy(references, 0, all, 1, references.length);
		serveGets(all);
		req.response().assertResources(all);
		return cid;
	}

	/**
	 * Asserts that the client got no event since the last one taken: publishes a custom sentinel
	 * event on a resource the client subscribes to, and asserts it is the next event. Events of one
	 * resource keep their order, so anything an earlier event should (not) have caused came first.
	 */
	void assertNoEventBefore(TestClient client, String subscribedRid) {
		String sentinel = "{'sentinel':" + (++sentinels) + "}";
		service.event(subscribedRid, "sentinel", sentinel);
		client.assertEvent(subscribedRid + ".sentinel", sentinel);
	}

	/**
	 * Sets the connection's token the way services do: during an auth request, the service sends a
	 * {@code conn.<cid>.token} event and then replies, so the token is set before the auth response.
	 * @param token the token JSON, or {@code "null"} to clear it
	 * @param tid the token ID, or {@code null}
	 * @return the cid
	 */
	String authenticate(TestClient client, String token, String tid) {
		TestClient.ClientRequest req = client.request("auth.test.login");
		ServiceRequest auth = service.awaitRequest("auth.test.login");
		String cid = auth.cid();
		service.token(cid, token, tid);
		auth.result("null");
		req.response().result();
		return cid;
	}

	/**
	 * Subscribes a client to a query resource of a fixture ({@code test.model} or
	 * {@code test.collection}): the get and access requests carry the query, the service answers
	 * with the normalized query, and the client gets the resource under the RID it asked for.
	 * @return the cid
	 */
	String subscribeQuery(TestClient client, String rid, String query, String normalized) {
		String full = query.isEmpty() ? rid : rid + "?" + query;
		TestClient.ClientRequest req = client.request("subscribe." + full);
		ServiceRequest access = service.awaitRequest("access." + rid);
		ServiceRequest get = service.awaitRequest("get." + rid);
		if (!query.isEmpty()) {
			access.assertPath("query", quoted(query));
			get.assertPath("query", quoted(query));
		}
		String cid = access.cid();
		access.access(true, null);
		String kind = Resources.isModel(rid) ? "model" : "collection";
		tools.jackson.databind.node.ObjectNode result = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		result.set(kind, Json.expected(n(Resources.data(rid))));
		result.put("query", normalized);
		tools.jackson.databind.node.ObjectNode reply = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		reply.set("result", result);
		get.respondRaw(Json.bytes(reply));
		tools.jackson.databind.node.ObjectNode set = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		set.putObject(kind + "s").set(n(full), Json.expected(n(Resources.data(rid))));
		req.response().assertResult(Json.text(set));
		return cid;
	}

	/** @return a JSON string literal of a text */
	static String quoted(String text) {
		return Json.text(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(text));
	}

	/** @return a fresh subject for query requests, which the scripted service listens to */
	String newQuerySubject() {
		String subject = "_QUERY_." + names.service() + "." + (++querySubjects);
		service.listen(subject);
		return subject;
	}

	/** Learns the cid of a client through an auth request ({@code auth.test.method}), answered with null. */
	String cid(TestClient client) {
		TestClient.ClientRequest req = client.request("auth.test.method");
		ServiceRequest auth = service.awaitRequest("auth.test.method");
		String cid = auth.cid();
		auth.result("null");
		req.response().result();
		return cid;
	}

	@Override
	public void close() {
		clients.forEach(TestClient::close);
		service.close();
		bus.close();
	}
}
