package io.resgate.spring.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the gateway over a real WebSocket with a scripted service; run on NATS and
 * on the in-process bus by the subclasses.
 */
abstract class GatewayWebSocketTests {

	private static final String MODEL = "{\"string\":\"foo\",\"int\":42,\"bool\":true,\"null\":null}";

	protected ServiceStub service;

	private final List<WsTestClient> clients = new java.util.ArrayList<>();

	/** @return the running gateway app */
	protected abstract GatewayTestApp.Running app();

	/** @return the messaging connection the scripted service uses */
	protected abstract Messaging serviceMessaging();

	@BeforeEach
	void startService() {
		service = new ServiceStub(serviceMessaging());
	}

	@AfterEach
	void stopService() {
		clients.forEach(WsTestClient::close);
		service.close();
	}

	protected WsTestClient connect() {
		WsTestClient c = WsTestClient.connect(app().wsUri());
		clients.add(c);
		return c;
	}

	static JsonNode json(String s) {
		return WsTestClient.JSON.readTree(s);
	}

	@Test
	void plainGetOnTheWebSocketPathReachesTheController() throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app().port() + "/")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("hello page");
	}

	@Test
	void versionRequestAnswersTheProtocolVersion() {
		WsTestClient c = connect();
		assertThat(c.request("version", "{\"protocol\":\"1.2.0\"}").get("result"))
			.isEqualTo(json("{\"protocol\":\"1.2.3\"}"));
		assertThat(c.request("version", "{\"protocol\":\"2.0.0\"}").get("error").get("code").asString())
			.isEqualTo("system.unsupportedProtocol");
	}

	@Test
	void subscribeSendsAccessAndGetInParallelAndAnswersTheModel() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("subscribe.e2e.model", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(reqs, "access.e2e.model");
		ServiceStub.Request get = ServiceStub.pick(reqs, "get.e2e.model");
		assertThat(access.payload().get("token").isNull()).isTrue();
		assertThat(access.payload().get("cid").asString()).isNotEmpty();
		assertThat(get.payload()).isEqualTo(json("{}"));
		get.result("{\"model\":" + MODEL + "}");
		access.result("{\"get\":true}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"models\":{\"e2e.model\":" + MODEL + "}}"));

		// A second client gets the cached resource: only an access request is sent.
		WsTestClient c2 = connect();
		long id2 = c2.send("subscribe.e2e.model", null);
		service.next("access.e2e.model").result("{\"get\":true}");
		assertThat(c2.response(id2).get("result")).isEqualTo(json("{\"models\":{\"e2e.model\":" + MODEL + "}}"));
		service.assertNoRequest(Duration.ofMillis(100));

		// An event reaches both clients; a no-op change is dropped.
		service.publish("event.e2e.model.change", "{\"values\":{\"string\":\"bar\",\"int\":42}}");
		JsonNode expected = json("{\"event\":\"e2e.model.change\",\"data\":{\"values\":{\"string\":\"bar\"}}}");
		assertThat(c.event()).isEqualTo(expected);
		assertThat(c2.event()).isEqualTo(expected);
		service.publish("event.e2e.model.change", "{\"values\":{\"string\":\"bar\"}}");
		c.assertNoFrame(Duration.ofMillis(100));

		// Unsubscribe once, then there is no subscription left.
		assertThat(c.request("unsubscribe.e2e.model", null).has("error")).isFalse();
		assertThat(c.request("unsubscribe.e2e.model", null).get("error").get("code").asString())
			.isEqualTo("system.noSubscription");
	}

	@Test
	void accessDenialWinsOverTheGetResult() {
		WsTestClient c = connect();
		long id = c.send("subscribe.e2e.denied", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.pick(reqs, "get.e2e.denied").result("{\"model\":" + MODEL + "}");
		ServiceStub.pick(reqs, "access.e2e.denied").result("{\"get\":false}");
		assertThat(c.response(id).get("error")).isEqualTo(json("{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}"));
	}

	@Test
	void referencesAreFollowedAndSoftReferencesAreNot() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("subscribe.e2e.parent", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.pick(reqs, "access.e2e.parent").result("{\"get\":true}");
		ServiceStub.pick(reqs, "get.e2e.parent")
			.result("{\"model\":{\"child\":{\"rid\":\"e2e.child\"},\"soft\":{\"rid\":\"e2e.other\",\"soft\":true},"
					+ "\"data\":{\"data\":[1,2]}}}");
		service.next("get.e2e.child").result("{\"collection\":[1,{\"rid\":\"e2e.parent\"}]}");
		JsonNode result = c.response(id).get("result");
		assertThat(result).isEqualTo(json("{\"models\":{\"e2e.parent\":{\"child\":{\"rid\":\"e2e.child\"},"
				+ "\"soft\":{\"rid\":\"e2e.other\",\"soft\":true},\"data\":{\"data\":[1,2]}}},"
				+ "\"collections\":{\"e2e.child\":[1,{\"rid\":\"e2e.parent\"}]}}"));
	}

	@Test
	void callIsCheckedForAccessAndItsResultWrappedInPayload() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("call.e2e.calc.add", "{\"a\":1}");
		service.next("access.e2e.calc").result("{\"get\":false,\"call\":\"sub,add\"}");
		ServiceStub.Request call = service.next("call.e2e.calc.add");
		assertThat(call.payload().get("params")).isEqualTo(json("{\"a\":1}"));
		call.result("{\"sum\":3}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"payload\":{\"sum\":3}}"));

		long denied = c.send("call.e2e.calc.mul", null);
		service.next("access.e2e.calc").result("{\"get\":true,\"call\":\"sub,add\"}");
		assertThat(c.response(denied).get("error").get("code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void legacyClientGetsUnwrappedCallResults() {
		WsTestClient c = connect();
		long id = c.send("call.e2e.legacy.method", null);
		service.next("access.e2e.legacy").result("{\"call\":\"*\"}");
		service.next("call.e2e.legacy.method").result("{\"x\":1}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"x\":1}"));
	}

	@Test
	void badInputIsIgnoredOrAnsweredWithInvalidRequest() {
		WsTestClient c = connect();
		c.sendRaw("not json");
		c.sendRaw("{\"method\":\"version\"}");
		assertThat(c.request("foo.bar", null).get("error").get("code").asString()).isEqualTo("system.invalidRequest");
		assertThat(c.request("subscribe.e2e..bad", null).get("error").get("code").asString())
			.isEqualTo("system.invalidRequest");
		assertThat(c.request("version", null).get("result").get("protocol").asString()).isEqualTo("1.2.3");
	}

	@Test
	void authWithTokenEventSetsTheTokenBeforeTheResponse() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("auth.e2e.auth.login", "{\"user\":\"jane\"}");
		ServiceStub.Request auth = service.next("auth.e2e.auth.login");
		String cid = auth.payload().get("cid").asString();
		service.publish("conn." + cid + ".token", "{\"token\":{\"user\":\"jane\"}}");
		auth.result("null");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"payload\":null}"));
		long sub = c.send("subscribe.e2e.secret", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(reqs, "access.e2e.secret");
		assertThat(access.payload().get("token")).isEqualTo(json("{\"user\":\"jane\"}"));
		access.result("{\"get\":true}");
		ServiceStub.pick(reqs, "get.e2e.secret").result("{\"collection\":[\"a\"]}");
		assertThat(c.response(sub).get("result")).isEqualTo(json("{\"collections\":{\"e2e.secret\":[\"a\"]}}"));
	}
}
