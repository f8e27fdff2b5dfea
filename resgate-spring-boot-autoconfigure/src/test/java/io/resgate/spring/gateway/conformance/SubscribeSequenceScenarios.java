package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subscribe sequences: a client subscribes to fixtures with references (parents, grandparents,
 * broken children, soft references, data values, cycles), the service answers access and get
 * requests in a scripted order, and the client must get each resource exactly once in a resource
 * set and then the events of every resource it subscribes to, directly or indirectly.
 *
 * <p>A sequence is a list of steps {@code "<action> <rid>"}: {@code subscribe}, {@code access}
 * (granted), {@code accessDenied}, {@code get} (answered with the fixture), {@code response}
 * (the client's resource set holds what it did not have yet), {@code errorResponse},
 * {@code event} (a custom event reaches the client) and {@code noevent} (it does not).
 */
class SubscribeSequenceScenarios extends ConformanceTest {

	static final String LATEST = Scenario.CLIENT_VERSION;

	static Stream<Arguments> sequences() {
		List<Arguments> rows = new ArrayList<>();
		for (String[] seq : latest()) {
			for (Transport t : Transport.values()) {
				rows.add(Arguments.of(t, LATEST, String.join(", ", seq)));
			}
		}
		for (String[] seq : v120()) {
			rows.add(Arguments.of(Transport.NATS, "1.2.0", String.join(", ", seq)));
		}
		return rows.stream();
	}

	private static List<String[]> latest() {
		return List.of(
				new String[] { "subscribe test.model", "access test.model", "get test.model", "response test.model", "event test.model" },
				new String[] { "subscribe test.model.parent", "access test.model.parent", "get test.model.parent", "get test.model",
						"response test.model.parent", "event test.model.parent", "event test.model" },
				new String[] { "subscribe test.model.grandparent", "access test.model.grandparent", "get test.model.grandparent",
						"get test.model.parent", "get test.model", "response test.model.grandparent", "event test.model.grandparent",
						"event test.model.parent", "event test.model" },
				new String[] { "subscribe test.model.parent", "access test.model.parent", "get test.model.parent", "get test.model",
						"response test.model.parent", "subscribe test.model.secondparent", "access test.model.secondparent",
						"get test.model.secondparent", "response test.model.secondparent" },
				new String[] { "subscribe test.model.brokenchild", "access test.model.brokenchild", "get test.model.brokenchild",
						"get test.err.notFound", "response test.model.brokenchild", "event test.model.brokenchild",
						"noevent test.err.notFound" },
				new String[] { "subscribe test.model.soft", "access test.model.soft", "get test.model.soft", "response test.model.soft",
						"event test.model.soft", "noevent test.model" },
				new String[] { "subscribe test.model.soft.parent", "access test.model.soft.parent", "get test.model.soft.parent",
						"get test.model.soft", "response test.model.soft.parent", "event test.model.soft.parent",
						"event test.model.soft", "noevent test.model" },
				new String[] { "subscribe test.model.data", "access test.model.data", "get test.model.data", "response test.model.data",
						"event test.model.data" },
				new String[] { "subscribe test.model.data.parent", "access test.model.data.parent", "get test.model.data.parent",
						"get test.model.data", "response test.model.data.parent", "event test.model.data.parent",
						"event test.model.data" },
				new String[] { "subscribe test.m.a", "access test.m.a", "get test.m.a", "response test.m.a", "event test.m.a" },
				new String[] { "subscribe test.m.b", "access test.m.b", "get test.m.b", "get test.m.c", "response test.m.b",
						"event test.m.c" },
				new String[] { "subscribe test.m.d", "access test.m.d", "get test.m.d", "get test.m.e", "get test.m.f",
						"response test.m.d" },
				new String[] { "subscribe test.m.g", "access test.m.g", "get test.m.g", "get test.m.e", "get test.m.f", "get test.m.d",
						"response test.m.g" },
				new String[] { "subscribe test.m.d", "access test.m.d", "get test.m.d", "subscribe test.m.h", "access test.m.h",
						"get test.m.e", "get test.m.h", "get test.m.f", "response test.m.d", "response test.m.h" },
				new String[] { "subscribe test.collection", "access test.collection", "get test.collection", "response test.collection",
						"event test.collection" },
				new String[] { "subscribe test.collection.parent", "access test.collection.parent", "get test.collection.parent",
						"get test.collection", "response test.collection.parent", "event test.collection.parent",
						"event test.collection" },
				new String[] { "subscribe test.collection.grandparent", "access test.collection.grandparent",
						"get test.collection.grandparent", "get test.collection.parent", "get test.collection",
						"response test.collection.grandparent", "event test.collection.grandparent", "event test.collection.parent",
						"event test.collection" },
				new String[] { "subscribe test.collection.parent", "access test.collection.parent", "get test.collection.parent",
						"get test.collection", "response test.collection.parent", "subscribe test.collection.secondparent",
						"access test.collection.secondparent", "get test.collection.secondparent",
						"response test.collection.secondparent" },
				new String[] { "subscribe test.collection.brokenchild", "access test.collection.brokenchild",
						"get test.collection.brokenchild", "get test.err.notFound", "response test.collection.brokenchild",
						"event test.collection.brokenchild", "noevent test.err.notFound" },
				new String[] { "subscribe test.collection.soft", "access test.collection.soft", "get test.collection.soft",
						"response test.collection.soft", "event test.collection.soft", "noevent test.collection" },
				new String[] { "subscribe test.collection.soft.parent", "access test.collection.soft.parent",
						"get test.collection.soft.parent", "get test.collection.soft", "response test.collection.soft.parent",
						"event test.collection.soft.parent", "event test.collection.soft", "noevent test.collection" },
				new String[] { "subscribe test.collection.data", "access test.collection.data", "get test.collection.data",
						"response test.collection.data", "event test.collection.data" },
				new String[] { "subscribe test.collection.data.parent", "access test.collection.data.parent",
						"get test.collection.data.parent", "get test.collection.data", "response test.collection.data.parent",
						"event test.collection.data.parent", "event test.collection.data" },
				new String[] { "subscribe test.c.a", "access test.c.a", "get test.c.a", "response test.c.a" },
				new String[] { "subscribe test.c.b", "access test.c.b", "get test.c.b", "get test.c.c", "response test.c.b" },
				new String[] { "subscribe test.c.d", "access test.c.d", "get test.c.d", "get test.c.e", "get test.c.f",
						"response test.c.d" },
				new String[] { "subscribe test.c.g", "access test.c.g", "get test.c.g", "get test.c.e", "get test.c.f", "get test.c.d",
						"response test.c.g" },
				new String[] { "subscribe test.c.d", "access test.c.d", "get test.c.d", "subscribe test.c.h", "access test.c.h",
						"get test.c.e", "get test.c.h", "get test.c.f", "response test.c.d", "response test.c.h" },
				new String[] { "subscribe test.model.parent", "access test.model.parent", "get test.model.parent", "get test.model",
						"response test.model.parent", "subscribe test.model", "access test.model", "response test.model",
						"event test.model.parent", "event test.model" },
				new String[] { "subscribe test.model.parent", "access test.model.parent", "get test.model.parent", "get test.model",
						"response test.model.parent", "subscribe test.model", "accessDenied test.model", "errorResponse test.model",
						"event test.model.parent", "event test.model" });
	}

	private static List<String[]> v120() {
		return List.of(
				new String[] { "subscribe test.model.soft", "access test.model.soft", "get test.model.soft", "response test.model.soft",
						"event test.model.soft", "noevent test.model" },
				new String[] { "subscribe test.model.soft.parent", "access test.model.soft.parent", "get test.model.soft.parent",
						"get test.model.soft", "response test.model.soft.parent", "event test.model.soft.parent",
						"event test.model.soft" },
				new String[] { "subscribe test.model.data", "access test.model.data", "get test.model.data", "response test.model.data",
						"event test.model.data" },
				new String[] { "subscribe test.model.data.parent", "access test.model.data.parent", "get test.model.data.parent",
						"get test.model.data", "response test.model.data.parent", "event test.model.data.parent",
						"event test.model.data" },
				new String[] { "subscribe test.collection.soft", "access test.collection.soft", "get test.collection.soft",
						"response test.collection.soft", "event test.collection.soft", "noevent test.collection" },
				new String[] { "subscribe test.collection.soft.parent", "access test.collection.soft.parent",
						"get test.collection.soft.parent", "get test.collection.soft", "response test.collection.soft.parent",
						"event test.collection.soft.parent", "event test.collection.soft" },
				new String[] { "subscribe test.collection.data", "access test.collection.data", "get test.collection.data",
						"response test.collection.data", "event test.collection.data" },
				new String[] { "subscribe test.collection.data.parent", "access test.collection.data.parent",
						"get test.collection.data.parent", "get test.collection.data", "response test.collection.data.parent",
						"event test.collection.data.parent", "event test.collection.data" });
	}

	@ParameterizedTest(name = "[{index}] {0} v{1}: {2}")
	@MethodSource("sequences")
	void subscribeSequence(Transport transport, String version, String sequence) {
		Scenario s = scenario(transport);
		TestClient c = s.connectWithVersion(version);
		Map<String, TestClient.ClientRequest> requests = new HashMap<>();
		Set<String> sent = new HashSet<>();
		String first = sequence.split(", ")[0].split(" ")[1];
		for (String step : sequence.split(", ")) {
			String[] parts = step.split(" ");
			String action = parts[0];
			String rid = parts[1];
			switch (action) {
				case "subscribe" -> requests.put(rid, c.request("subscribe." + rid));
				case "access" -> s.service().awaitRequest("access." + rid).access(true, null);
				case "accessDenied" -> s.service().awaitRequest("access." + rid).access(false, null);
				case "get" -> s.service().awaitRequest("get." + rid).resource(rid);
				case "response" -> {
					List<String> fresh = new ArrayList<>();
					for (String r : Resources.closure(rid)) {
						if (sent.add(r)) {
							fresh.add(r);
						}
					}
					requests.get(rid).response().assertResult(Resources.setFor(version, fresh));
				}
				case "errorResponse" -> requests.get(rid).response().assertError("system.accessDenied");
				case "event" -> {
					s.service().event(rid, "custom", "{'foo':'bar'}");
					c.assertEvent(rid + ".custom", "{'foo':'bar'}");
				}
				case "noevent" -> {
					s.service().event(rid, "custom", "{'foo':'bar'}");
					s.service().event(first, "custom", "{'sentinel':true}");
					c.assertEvent(first + ".custom", "{'sentinel':true}");
					c.assertNoMessage();
				}
				default -> throw new IllegalArgumentException(step);
			}
		}
		c.assertNoMessage();
	}
}
