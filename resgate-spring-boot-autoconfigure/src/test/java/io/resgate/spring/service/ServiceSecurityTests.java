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
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.config.ResEndpointRegistrar;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.security.ResAuthenticationConverter;
import io.resgate.spring.service.security.ServiceSecurityConfigurer;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring Security on the service side: {@code @PreAuthorize} on call handlers against the token's
 * authentication, {@code Authentication} and {@code @AuthenticationPrincipal} parameters, a custom token
 * converter and a failing one, on the in-process bus and on nats-server.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceSecurityTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final String DENIED = "{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}";

	static Map<String, Object> user(String name, String... authorities) {
		return Map.of("name", name, "authorities", List.of(authorities));
	}

	@ResModel("sec.doc.$owner")
	@ResAccess(get = "true", call = "true")
	static final class Doc {

		@ResGet
		Map<String, Object> get(@PathParam String owner) {
			return Map.of("owner", owner);
		}

		@ResCall
		@PreAuthorize("hasRole('ADMIN')")
		String purge() {
			return "purged";
		}

		@ResCall
		@PreAuthorize("#owner == authentication.name or hasAuthority('ROLE_ADMIN')")
		String edit(@PathParam String owner, Authentication authentication) {
			return authentication.getName() + " edits " + owner;
		}

		@ResCall
		@PreAuthorize("isAnonymous() or isAuthenticated()")
		String whoami(@AuthenticationPrincipal String name, Authentication authentication) {
			// the security context holds the token's authentication while the handler runs
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			return name + "/" + (authentication == null ? "none" : authentication.getName()) + "/" + current.getName();
		}

		@ResCall
		@PreAuthorize("isAuthenticated()")
		String members() {
			return "welcome";
		}

		@ResCall
		String open(@AuthenticationPrincipal String name) {
			return String.valueOf(name);
		}
	}

	/** Every call handler needs a user: @PreAuthorize on the class. */
	@ResResource("sec.admin")
	@PreAuthorize("hasRole('ADMIN')")
	static final class AdminOnly {

		@ResCall
		String shutdown() {
			return "down";
		}
	}

	@ResModel("sec.bad")
	static final class PreAuthorizedGet {

		@ResGet
		@PreAuthorize("isAuthenticated()")
		Map<String, Object> get() {
			return Map.of();
		}
	}

	private static ServiceHarness harness(Transport t, ResAuthenticationConverter converter) throws Exception {
		ServiceHarness h = new ServiceHarness(t, nats);
		ResEndpointRegistrar registrar = new ResEndpointRegistrar(h.registry());
		new ServiceSecurityConfigurer(converter, new DefaultMethodSecurityExpressionHandler(), null)
			.configureResHandlers(registrar);
		registrar.registerEndpoints();
		return h;
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void preAuthorizeIsEvaluatedAgainstTheTokensAuthentication(Transport t) throws Exception {
		try (ServiceHarness h = harness(t, ResAuthenticationConverter.nameAndAuthorities())) {
			h.register(new Doc(), new AdminOnly()).start();
			var c = h.client();
			c.call("sec.doc.jane", "purge", null, user("root", "ROLE_ADMIN")).assertResult("purged");
			c.call("sec.doc.jane", "purge", null, user("jane", "ROLE_USER")).assertPayload(DENIED);
			c.call("sec.doc.jane", "purge", null).assertPayload(DENIED);
			// the handler's parameters by name, and the Authentication parameter
			c.call("sec.doc.jane", "edit", null, user("jane", "ROLE_USER")).assertResult("jane edits jane");
			c.call("sec.doc.jane", "edit", null, user("john", "ROLE_USER")).assertPayload(DENIED);
			c.call("sec.doc.jane", "edit", null, user("root", "ROLE_ADMIN")).assertResult("root edits jane");
			// without a token the authentication is anonymous
			c.call("sec.doc.jane", "members", null).assertPayload(DENIED);
			c.call("sec.doc.jane", "members", null, user("jane")).assertResult("welcome");
			// @PreAuthorize on the class applies to its call handlers
			c.call("sec.admin", "shutdown", null, user("root", "ROLE_ADMIN")).assertResult("down");
			c.call("sec.admin", "shutdown", null, user("jane", "ROLE_USER")).assertPayload(DENIED);
			// not annotated: no check
			c.call("sec.doc.jane", "open", null).assertResult("null");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void securityParametersAndContextCarryTheTokensAuthentication(Transport t) throws Exception {
		try (ServiceHarness h = harness(t, ResAuthenticationConverter.nameAndAuthorities())) {
			h.register(new Doc()).start();
			var c = h.client();
			c.call("sec.doc.jane", "whoami", null, user("jane", "ROLE_USER")).assertResult("jane/jane/jane");
			c.call("sec.doc.jane", "whoami", null).assertResult("null/none/anonymousUser");
			c.call("sec.doc.jane", "open", null, user("john")).assertResult("john");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aCustomConverterMapsTokensOfAnotherShape(Transport t) throws Exception {
		ResAuthenticationConverter sample = token -> UsernamePasswordAuthenticationToken.authenticated(
				token.get("user").asString(), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + token.get("role").asString().toUpperCase())));
		try (ServiceHarness h = harness(t, sample)) {
			h.register(new Doc()).start();
			var c = h.client();
			c.call("sec.doc.jane", "purge", null, Map.of("user", "root", "role", "admin")).assertResult("purged");
			c.call("sec.doc.jane", "edit", null, Map.of("user", "jane", "role", "user"))
				.assertResult("jane edits jane");
			c.call("sec.doc.jane", "purge", null, Map.of("user", "jane", "role", "user")).assertPayload(DENIED);
		}
	}

	@Test
	void aFailingConverterDeniesAndLogsOneLine(CapturedOutput output) throws Exception {
		ResAuthenticationConverter failing = token -> {
			throw new IllegalStateException("no such user store");
		};
		try (ServiceHarness h = harness(Transport.LOCAL, failing)) {
			h.register(new Doc()).start();
			h.client().call("sec.doc.jane", "purge", null, user("root", "ROLE_ADMIN")).assertPayload(DENIED);
			h.client().call("sec.doc.jane", "open", null, user("root")).assertPayload(DENIED);
			String log = output.getOut() + output.getErr();
			assertThat(log).contains("Cannot make an authentication of the token of call sec.doc.jane.purge "
					+ "(access denied): java.lang.IllegalStateException: no such user store")
				.doesNotContain("\tat ");
		}
		// the default converter on a token of another shape
		try (ServiceHarness h = harness(Transport.LOCAL, ResAuthenticationConverter.nameAndAuthorities())) {
			h.register(new Doc()).start();
			h.client().call("sec.doc.jane", "purge", null, Map.of("user", "root")).assertPayload(DENIED);
			assertThat(output.getOut() + output.getErr()).contains("the token has no \"name\" string");
		}
	}

	@Test
	void preAuthorizeOnAGetHandlerFailsTheRegistration() throws Exception {
		ResServiceRegistry registry = ResServiceRegistry.builder(new LocalMessaging(), new ResCodec()).build();
		try {
			ResEndpointRegistrar registrar = new ResEndpointRegistrar(registry);
			new ServiceSecurityConfigurer(ResAuthenticationConverter.nameAndAuthorities(),
					new DefaultMethodSecurityExpressionHandler(), null).configureResHandlers(registrar);
			registrar.registerEndpoints();
			assertThatThrownBy(() -> registry.register(new PreAuthorizedGet()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("@PreAuthorize on get handler")
				.hasMessageContaining("get requests carry no token");
		}
		finally {
			registry.shutdown();
		}
	}

}
