package io.resgate.spring.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.TestComponents.ItemCollection;
import io.resgate.spring.service.TestComponents.ItemModel;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.service.test.ResTestResponse;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each request behaviour of the service side, checked on the exact wire payloads go-res sends, on the
 * in-process bus and on a real nats-server.
 */
class ServiceRequestTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final Duration NO_REPLY_WAIT = Duration.ofMillis(300);

	private ServiceHarness harness(Transport t) throws Exception {
		ServiceHarness h = new ServiceHarness(t, nats, b -> b.validator(validator()));
		h.register(new ItemModel(h.events()), new ItemCollection(), new TestComponents.Search(),
				new TestComponents.Echo(), new TestComponents.Values(), new TestComponents.Auth(),
				new TestComponents.NoAccess());
		return h.start();
	}

	static org.springframework.validation.Validator validator() {
		org.springframework.validation.beanvalidation.LocalValidatorFactoryBean v = new org.springframework.validation.beanvalidation.LocalValidatorFactoryBean();
		v.afterPropertiesSet();
		return v;
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void getsModelsAndCollections(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			c.get("test.item.1").assertPayload("{\"result\":{\"model\":{\"id\":1,\"name\":\"one\"}}}");
			c.get("test.items")
				.assertPayload("{\"result\":{\"collection\":[{\"rid\":\"test.item.1\"},{\"rid\":\"test.item.2\"}]}}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void answersNotFound(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			String notFound = "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}";
			h.client().get("test.item.99").assertPayload(notFound);
			// a placeholder value that does not convert to the parameter type: no such resource
			h.client().get("test.item.abc").assertPayload(notFound);
			// a handler returning null
			h.client().get("test.values.none").assertPayload(notFound);
			// Optional.empty() from a call handler
			h.client().call("test.item.1", "empty", null).assertPayload(notFound);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryResourcesAnswerWithTheNormalizedQuery(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.client().get("test.search?q=a&limit=3&unused=1")
				.assertPayload("{\"result\":{\"collection\":[\"a0\",\"a1\",\"a2\"],\"query\":\"limit=3&q=a\"}}");
			h.client().get("test.search").assertPayload("{\"result\":{\"collection\":[\"x0\",\"x1\"],\"query\":\"limit=2\"}}");
			h.client().get("test.search?limit=many").assertError("system.invalidQuery");
			h.client().get("test.echo?b=2&a=1")
				.assertPayload("{\"result\":{\"model\":{\"query\":\"b=2&a=1\"},\"query\":\"b=2&a=1\"}}");
			// non-query resources never carry a query member
			h.client().get("test.item.1?x=1").assertQuery(null);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void checksValuesAgainstTheSpecification(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			String internal = "{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error\"}}";
			h.client().get("test.values.nested").assertPayload(internal);
			h.client().get("test.values.array").assertPayload(internal);
			h.client().get("test.values.data")
				.assertPayload("{\"result\":{\"model\":{\"list\":{\"data\":[1,2]},\"nested\":{\"data\":{\"a\":1}}}}}");
			h.client().call("test.item.1", "softref", null)
				.assertPayload("{\"result\":{\"ref\":{\"rid\":\"test.item.2\",\"soft\":true}}}");
		}
	}

	@org.junit.jupiter.api.Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void logsWhichValueBrokeTheSpecification(org.springframework.boot.test.system.CapturedOutput output)
			throws Exception {
		try (ServiceHarness h = harness(Transport.LOCAL)) {
			h.client().get("test.values.nested").assertError("system.internalError");
			assertThat(output.getOut() + output.getErr()).contains("Invalid model test.values.nested from Values.get: "
					+ "property 'nested' is a nested object; use a ResRef for a resource reference or wrap it in a DataValue");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void answersAccessFromTheToken(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			c.access("test.item.1", Map.of("user", "jane", "admin", true))
				.assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
			c.access("test.item.1", Map.of("user", "joe", "admin", false))
				.assertPayload("{\"result\":{\"get\":true,\"call\":\"rename\"}}");
			c.access("test.item.1", null)
				.assertPayload("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
			c.access("test.items").assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void doesNotAnswerAccessForResourcesWithoutAccessHandler(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.client().access("test.noaccess").assertNoResponse(NO_REPLY_WAIT);
			h.client().get("test.noaccess").assertResult(Map.of("model", Map.of("ok", true)));
			assertThat(h.registry().ownedAccess()).doesNotContain("test.noaccess");
			assertThat(h.registry().ownedResources()).contains("test.noaccess");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callsMethods(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			c.call("test.item.1", "ref", null).assertPayload("{\"resource\":{\"rid\":\"test.item.1\"}}");
			c.call("test.item.1", "whatever", null).assertPayload("{\"result\":{\"method\":\"whatever\"}}");
			c.call("test.items", "nope", null)
				.assertPayload("{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}");
			c.call("test.item.1", "custom", null)
				.assertPayload("{\"error\":{\"code\":\"test.custom\",\"message\":\"Custom error\"}}");
			c.request("call", "test.item.2?x=1").method("context").cid("c1").token(Map.of("user", "ann"))
				.params(Map.of("p", 1)).http().send()
				.assertResult(Map.of("type", "call", "rid", "test.item.2?x=1", "name", "test.item.2", "id", "2",
						"method", "context", "cid", "c1", "user", "ann", "isHttp", true, "params", Map.of("p", 1)));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void hidesInternalsOfUnknownExceptions(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.client().call("test.item.1", "fail", null)
				.assertPayload("{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error\"}}");
			// the service stays healthy
			h.client().get("test.item.1").assertModel(Map.of("id", 1, "name", "one"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bindsAndValidatesParams(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			c.call("test.item.1", "rename", Map.of("name", " "))
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Name must not be empty\"}}");
			c.call("test.item.1", "rename", null).assertError("system.invalidParams", "Name must not be empty");
			c.call("test.item.1", "limits", Map.of("limit", 51)).assertError("system.invalidParams", "limit must be less than or equal to 50");
			c.call("test.item.1", "limits", Map.of("limit", "x")).assertError("system.invalidParams", "Invalid parameters: limit");
			c.call("test.item.1", "limits", Map.of("limit", 5)).assertPayload("{\"result\":5}");
			h.client().assertNoEvent(Duration.ZERO);
			c.call("test.item.1", "rename", Map.of("name", "uno")).assertPayload("{\"result\":null}");
			c.nextEvent().assertChange("test.item.1", Map.of("name", "uno"));
			// renaming to the same name changes nothing: no event
			c.call("test.item.1", "rename", Map.of("name", "uno")).assertPayload("{\"result\":null}");
			c.call("test.item.99", "rename", Map.of("name", "x")).assertError("system.notFound");
			c.assertNoEvent(Duration.ofMillis(100));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void sendsMetaOnlyForHttpRequests(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			c.request("call", "test.item.1").method("meta").http().send()
				.assertPayload("{\"result\":\"done\",\"meta\":{\"status\":201,\"header\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]}}}");
			c.call("test.item.1", "meta", null).assertPayload("{\"result\":\"done\"}");
			c.request("call", "test.item.1").method("metaError").http().send()
				.assertPayload("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"},"
						+ "\"meta\":{\"status\":401,\"header\":{\"WWW-Authenticate\":[\"Bearer\"]}}}");
			c.request("auth", "test.auth").method("cookie").http().send()
				.assertPayload("{\"result\":null,\"meta\":{\"status\":200,\"header\":{\"Set-Cookie\":[\"session=1\"]}}}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void authenticatesWithTokenBeforeTheResponse(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			ResTestResponse r = c.request("auth", "test.auth").method("login").cid("conn1")
				.params(Map.of("user", "ann", "password", "secret")).send();
			// the token event is published before the response on the same connection
			c.nextEvent().assertPayload(Map.of("token", Map.of("user", "ann", "admin", false), "tid", "tid-ann"))
				.assertSubject("conn.conn1.token");
			r.assertPayload("{\"result\":null}");
			c.auth("test.auth", "login", Map.of("user", "ann", "password", "wrong"))
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Wrong password\"}}");
			c.auth("test.auth", "unknown", null).assertError("system.methodNotFound");
			c.assertNoEvent(Duration.ofMillis(100));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bindsConnectionDetailsOfAuthRequests(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.client().request("auth", "test.auth").method("header").header("Cookie", "a=b")
				.header("Accept", "text/html", "application/json").host("example.com").remoteAddr("10.0.0.1:1234")
				.uri("/ws").http().send()
				.assertResult(Map.of("cookie", "a=b", "accept", List.of("text/html", "application/json"), "count", 2,
						"host", "example.com", "remoteAddr", "10.0.0.1:1234", "uri", "/ws", "isHttp", true));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void sendsPreResponseForSlowHandlers(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.client().call("test.item.1", "slow", null).assertPreResponse(Duration.ofSeconds(7))
				.assertPayload("{\"result\":\"slow\"}");
			assertThat(h.client().call("test.item.1", "ref", null).preResponses()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void answersRequestsWithInvalidPayloads(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.client().send("call.test.item.1.ref", "not json").assertError("system.internalError");
			h.client().send("call.test.item.1.ref", "[1]").assertError("system.internalError");
			// an empty payload is a valid request, and so is JSON null (as for go-res)
			h.client().send("get.test.item.1", new byte[0]).assertModel(Map.of("id", 1, "name", "one"));
			h.client().send("get.test.item.1", "null").assertModel(Map.of("id", 1, "name", "one"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void announcesOwnedResourcesOnStart(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			h.register(new ItemModel(h.events()), new ItemCollection(), new TestComponents.NoAccess());
			h.registry().start();
			h.client().nextEvent()
				.assertSystemReset(List.of("test.item.*", "test.items", "test.noaccess"), List.of("test.item.*", "test.items"));
			assertThat(h.registry().subjects()).containsExactlyInAnyOrder("get.test.item.*", "get.test.items",
					"get.test.noaccess", "call.test.item.*.*", "call.test.items.*", "call.test.noaccess.*",
					"auth.test.item.*.*", "auth.test.items.*", "auth.test.noaccess.*", "access.test.item.*",
					"access.test.items");
		}
	}
}
