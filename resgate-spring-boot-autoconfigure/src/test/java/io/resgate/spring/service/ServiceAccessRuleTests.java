package io.resgate.spring.service;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Declarative access: {@code @ResAccess(get = ..., call = ...)} SpEL rules on the class, over the token and the
 * placeholders, on the in-process bus and on nats-server.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceAccessRuleTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final String DENIED = "{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}";

	/** Readable by its owner and admins, callable by admins: a custom token {"user":..., "role":...}. */
	@ResModel("rule.account.$user")
	@ResAccess(get = "token?.user == #user or token?.role == 'admin'", call = "token?.role == 'admin'")
	static final class Account {

		@ResGet
		Map<String, Object> get(@PathParam String user) {
			return Map.of("user", user);
		}

		@ResCall
		String reset(@PathParam String user) {
			return user;
		}
	}

	/** The default token of the gateway's Spring Security integration: {"name":..., "authorities":[...]}. */
	@ResModel("rule.doc.$id")
	@ResAccess(get = "isAuthenticated() and pathParams['id'] != 'secret'",
			call = "hasRole('ADMIN') ? '*' : (hasAuthority('ROLE_USER') ? 'comment,like' : '')")
	static final class Doc {

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}
	}

	/** Rules that fail: a member of a missing token (no safe navigation), a value of the wrong type. */
	@ResModel("rule.broken.$id")
	@ResAccess(get = "token.user == #id", call = "42")
	static final class Broken {

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}
	}

	@ResModel("rule.invalid")
	@ResAccess(get = "token?.user ==")
	static final class Unparsable {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}
	}

	@ResModel("rule.both")
	@ResAccess(get = "true")
	static final class RuleAndMethod {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}

		@ResAccess
		boolean access() {
			return true;
		}
	}

	@ResModel("rule.method")
	static final class RuleOnMethod {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}

		@ResAccess(get = "true")
		boolean access() {
			return true;
		}
	}

	@ResModel("rule.empty")
	@ResAccess
	static final class NoRule {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}
	}

	private ServiceHarness harness(Transport t) throws Exception {
		ServiceHarness h = new ServiceHarness(t, nats);
		h.register(new Account(), new Doc(), new Broken());
		return h.start();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rulesOverTheTokenAndThePlaceholdersDecideAccess(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			var c = h.client();
			c.access("rule.account.jane", Map.of("user", "jane", "role", "user"))
				.assertPayload("{\"result\":{\"get\":true}}");
			c.access("rule.account.jane", Map.of("user", "john", "role", "user")).assertPayload(DENIED);
			c.access("rule.account.jane", Map.of("user", "root", "role", "admin"))
				.assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
			// no token, and a token without the members the rule reads
			c.access("rule.account.jane", null).assertPayload(DENIED);
			c.access("rule.account.jane", Map.of("other", 1)).assertPayload(DENIED);
			assertThat(h.registry().ownedAccess()).contains("rule.account.*");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rulesReadTheAuthoritiesOfTheDefaultToken(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			var c = h.client();
			c.access("rule.doc.1", Map.of("name", "jane", "authorities", List.of("ROLE_USER")))
				.assertPayload("{\"result\":{\"get\":true,\"call\":\"comment,like\"}}");
			c.access("rule.doc.1", Map.of("name", "root", "authorities", List.of("ROLE_ADMIN", "ROLE_USER")))
				.assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
			c.access("rule.doc.secret", Map.of("name", "jane", "authorities", List.of("ROLE_USER")))
				.assertPayload("{\"result\":{\"call\":\"comment,like\"}}");
			c.access("rule.doc.1", Map.of("name", "guest", "authorities", List.of()))
				.assertPayload("{\"result\":{\"get\":true}}");
			c.access("rule.doc.1", null).assertPayload(DENIED);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void failingRulesDenyAccess(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			// the get rule throws without a token; with one, the call rule gives a number: all access denied
			h.client().access("rule.broken.jane", null).assertPayload(DENIED);
			h.client().access("rule.broken.jane", Map.of("user", "jane")).assertPayload(DENIED);
			h.client().get("rule.broken.jane").assertModel(Map.of("id", "jane"));
		}
	}

	@Test
	void aFailingRuleIsLoggedOnceWithoutStackTrace(CapturedOutput output) throws Exception {
		try (ServiceHarness h = harness(Transport.LOCAL)) {
			for (int i = 0; i < 3; i++) {
				h.client().access("rule.broken." + i, null).assertPayload(DENIED);
			}
			String log = output.getOut() + output.getErr();
			String line = "@ResAccess get rule \"token.user == #id\" failed: ";
			assertThat(log.split(java.util.regex.Pattern.quote(line), -1)).hasSize(2);
			assertThat(log).contains("(access to rule.broken.0 denied); later failures of this rule are logged at debug level")
				.doesNotContain("\tat org.springframework.expression");
		}
	}

	@Test
	void invalidRulesFailTheRegistration() {
		ResServiceRegistry registry = ResServiceRegistry.builder(new LocalMessaging(), new ResCodec()).build();
		try {
			assertThatThrownBy(() -> registry.register(new Unparsable())).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Invalid @ResAccess get rule \"token?.user ==\" on bean 'Unparsable'");
			assertThatThrownBy(() -> registry.register(new RuleAndMethod())).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("has both an access rule (@ResAccess on the class) and an @ResAccess method");
			assertThatThrownBy(() -> registry.register(new RuleOnMethod())).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("get and call rules belong on the class");
			assertThatThrownBy(() -> registry.register(new NoRule())).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("has no rule: give a get and/or call expression");
		}
		finally {
			registry.shutdown();
		}
	}
}
