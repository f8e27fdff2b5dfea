package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connecting: the version request (answered {@code 1.2.3} for any 1.x, more than once, with
 * unsupported majors and malformed versions rejected), one cid per connection, allowed origins,
 * and WebSocket header authentication.
 */
class ConnectionScenarios extends ConformanceTest {

	static Stream<Arguments> versions() {
		String ok = "{'protocol':'1.2.3'}";
		String[][] rows = {
				{ null, ok }, { "{}", ok }, { "{'foo':'bar'}", ok }, { "{'protocol':''}", ok }, { "{'protocol':null}", ok },
				{ "{'protocol':'1.0.0'}", ok }, { "{'protocol':'1.1.0'}", ok }, { "{'protocol':'1.0.1'}", ok },
				{ "{'protocol':'1.2.3'}", ok }, { "{'protocol':'1.999.999'}", ok },
				{ "''", "code:system.invalidParams" }, { "'1.0.0'", "code:system.invalidParams" },
				{ "['1.0.0']", "code:system.invalidParams" }, { "{'protocol':1.0}", "code:system.invalidParams" },
				{ "{'protocol':'1.0'}", "code:system.invalidParams" }, { "{'protocol':'1.2.3.4'}", "code:system.invalidParams" },
				{ "{'protocol':'v1.0.0'}", "code:system.invalidParams" }, { "{'protocol':'1.0.1000'}", "code:system.invalidParams" },
				{ "{'protocol':'1.1000.0'}", "code:system.invalidParams" },
				{ "{'protocol':'0.0.0'}", "code:system.unsupportedProtocol" }, { "{'protocol':'2.0.0'}", "code:system.unsupportedProtocol" },
				{ "{'protocol':'0.999.999'}", "code:system.unsupportedProtocol" },
				{ "{'protocol':'3.2.1'}", "code:system.unsupportedProtocol" } };
		List<Arguments> out = new ArrayList<>();
		for (String[] r : rows) {
			out.add(Arguments.of(r[0], r[1]));
		}
		return out.stream();
	}

	/** Sent after a successful version request, as Resgate's suite does: version may come more than once. */
	@ParameterizedTest(name = "[{index}] version {0} -> {1}")
	@MethodSource("versions")
	void versionRequest(String params, String expected) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		Replies.assertResponse(c.request("version", params).response(), expected);
		c.assertAlive();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void versionAsFirstRequest(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectLegacy();
		c.request("version", "{'protocol':'1.2.3'}").response().assertResult("{'protocol':'1.2.3'}");
		c.request("version", "{'protocol':'1.2.3'}").response().assertResult("{'protocol':'1.2.3'}");
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void eachConnectionGetsItsOwnCid(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		String cid1 = s.cid(c1);
		String cid2 = s.cid(c2);
		assertThat(cid1).isNotBlank().isNotEqualTo(cid2);
		assertThat(s.cid(c1)).isEqualTo(cid1);
		assertThat(cid1).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void connectingSendsNoServiceRequest() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.assertNoMessage();
		s.service().assertNoRequest();
	}

	@Test
	void clientCloseIsHandled() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		c.close();
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").accessGranted();
		// still cached (or fetched again): either way the client gets the model
		ServiceRequest get = null;
		try {
			req.response().assertResources("test.model");
		}
		catch (AssertionError ex) {
			get = s.service().awaitRequest("get.test.model");
			get.resource("test.model");
			req.response().assertResources("test.model");
		}
	}

	static Stream<Arguments> origins() {
		return Stream.of(
				Arguments.of("http://localhost", true),
				Arguments.of("https://resgate.io", true),
				Arguments.of(null, true),
				Arguments.of("http://resgate.io", false),
				Arguments.of("https://api.resgate.io", false),
				Arguments.of("https://resgate.io:8080", false),
				Arguments.of("http://localhost:8080", false));
	}

	@ParameterizedTest(name = "[{index}] origin {0} allowed {1}")
	@MethodSource("origins")
	void allowedOrigins(String origin, boolean allowed) {
		Scenario s = scenario(Transport.NATS, GatewayProfile.RESTRICTED_ORIGIN);
		Map<String, String> headers = (origin == null) ? Map.of() : Map.of("Origin", origin);
		if (allowed) {
			TestClient c = s.connectWithHeaders(headers);
			c.request("version", "{'protocol':'1.2.3'}").response().assertResult("{'protocol':'1.2.3'}");
		}
		else {
			assertThatThrownBy(() -> s.connectWithHeaders(headers)).isInstanceOf(TestClient.ConnectFailed.class);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anyOriginAllowedByDefault(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectWithHeaders(Map.of("Origin", "https://example.com"));
		c.request("version", "{'protocol':'1.2.3'}").response().assertResult("{'protocol':'1.2.3'}");
	}

	static Stream<Arguments> headerAuth() {
		String token = "{'user':'foo'}";
		String[][] rows = {
				{ "NOT_FOUND", null }, { "BROKEN", null }, { "NULL", null },
				{ "NOT_FOUND", token }, { "BROKEN", token }, { "NULL", token },
				{ "NOT_FOUND", "null" }, { "BROKEN", "null" }, { "NULL", "null" },
				{ "TIMEOUT", null } };
		List<Arguments> out = new ArrayList<>();
		for (String[] r : rows) {
			for (Transport t : Transport.values()) {
				if (r[0].equals("TIMEOUT") && t != Transport.NATS) {
					continue;
				}
				out.add(Arguments.of(t, r[0], r[1]));
			}
		}
		return out.stream();
	}

	/**
	 * With {@code resgate.ws-header-auth}, each connection sends an auth request with the upgrade
	 * request's headers ({@code isHttp} set) before the upgrade completes; whatever the reply, the
	 * connection works, with the token the service set.
	 */
	@ParameterizedTest(name = "[{index}] {0} auth reply {1}, token {2}")
	@MethodSource("headerAuth")
	void webSocketHeaderAuth(Transport transport, String reply, String token) {
		Scenario s = scenario(transport, GatewayProfile.WS_HEADER_AUTH);
		s.service().listen("auth.wsauth.header");
		java.util.concurrent.CompletableFuture<TestClient> connecting = s.connectAsync(Map.of("X-Token", "secret"));
		ServiceRequest auth = s.service().awaitRequest("auth.wsauth.header");
		auth.assertPath("isHttp", "true");
		assertThat(auth.path("header").path("X-Token").get(0).asString()).isEqualTo("secret");
		assertThat(auth.path("host").isString()).isTrue();
		assertThat(auth.path("uri").isString()).isTrue();
		if (token != null) {
			s.service().token(auth.cid(), token, null);
		}
		switch (reply) {
			case "NOT_FOUND" -> auth.error("system.notFound", "Not found");
			case "BROKEN" -> auth.respondRaw("{]");
			case "NULL" -> auth.result("null");
			default -> {
			}
		}
		TestClient c = connecting.join();
		c.request("version", "{'protocol':'1.2.3'}").response().assertResult("{'protocol':'1.2.3'}");
		TestClient.ClientRequest req = c.request("subscribe.test.model");
		ServiceRequest access = s.service().awaitRequest("access.test.model");
		access.assertPath("token", token == null ? "null" : token);
		access.assertPathMissing("isHttp");
		access.access(true, null);
		s.serveGets("test.model");
		req.response().assertResources("test.model");
	}
}
