package io.resgate.spring.gateway.auth;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.resgate.spring.gateway.ServiceStub;
import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle of a token from an HTTP session: logout, the end of the session and
 * {@link ResTokens#reset} publish {@code system.tokenReset} with the session's ID; every connection
 * that session authenticated loses its token and has its access checked again, and the client gets
 * {@code unsubscribe} events for what it may no longer see. A token a service set still gets its
 * auth request. Subclasses run it on the in-process bus and on nats-server.
 */
abstract class GatewayTokenResetTests {

	private static final String RESET_SUBJECT = "auth.resgate.tokenReset";

	private SecuredGateway gateway;

	private ServiceStub service;

	/** @return extra properties of the gateway application */
	abstract String[] properties();

	/**
	 * @param app the gateway application
	 * @return the service's messaging connection
	 */
	abstract Messaging serviceMessaging(ConfigurableApplicationContext app);

	@BeforeEach
	void start() {
		gateway = new SecuredGateway(SecuredGateway.run(SessionApp.class, properties()));
		service = new ServiceStub(serviceMessaging(gateway.app()), "access.account.>", "get.account.>", "call.account.>", "auth.>");
	}

	@AfterEach
	void stop() {
		service.close();
		gateway.close();
	}

	@Test
	void logoutClearsTheTokenOfTheSessionsWebSocketsAndTheyLoseWhatTheyMayNoLongerSee() throws Exception {
		String session = gateway.formLogin("jane");
		WsTestClient ws = subscribedAccount("jane", "Cookie", "JSESSIONID=" + session);
		String other = gateway.formLogin("jane");
		WsTestClient otherWs = subscribedAccount("jane", "Cookie", "JSESSIONID=" + other);

		assertThat(gateway.post("/logout", "", "Cookie", "JSESSIONID=" + session).statusCode()).isEqualTo(302);

		assertLosesAccount(ws, "jane");
		// the other session's connection keeps its token: no access request, no auth request, no event
		service.assertNoRequest(Duration.ofMillis(300));
		otherWs.assertNoFrame(Duration.ofMillis(50));
	}

	@Test
	void resTokensResetOfASessionIdClearsTheTokenOfItsConnections() throws Exception {
		String session = gateway.formLogin("jane");
		WsTestClient ws = subscribedAccount("jane", "Cookie", "JSESSIONID=" + session);

		gateway.app().getBean(ResTokens.class).reset("unknown", session);

		assertLosesAccount(ws, "jane");
		service.assertNoRequest(Duration.ofMillis(300));
	}

	@Test
	void aServicesTokenResetClearsATokenFromSpringSecurityWithoutAuthRequest() throws Exception {
		String session = gateway.formLogin("jane");
		WsTestClient ws = subscribedAccount("jane", "Cookie", "JSESSIONID=" + session);

		// as a go-res service sends it
		service.publish("system.tokenReset", "{\"tids\":[\"" + session + "\"],\"subject\":\"auth.users.renew\"}");

		assertLosesAccount(ws, "jane");
		service.assertNoRequest(Duration.ofMillis(300));
	}

	@Test
	void aTokenAServiceSetIsStillRenewedThroughAnAuthRequest() {
		WsTestClient ws = gateway.connect();
		long id = ws.send("subscribe.account.jane", null);
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.jane");
		String cid = access.payload().get("cid").asString();
		access.respond("{\"result\":{\"get\":true,\"call\":\"*\"}}");
		ServiceStub.pick(requests, "get.account.jane").respond("{\"result\":{\"model\":{\"owner\":\"jane\"}}}");
		ws.response(id);
		service.publish("conn." + cid + ".token", "{\"token\":{\"user\":\"jane\"},\"tid\":\"t-42\"}");
		// calls carry the token: await it there, so it is set before the reset
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		String user = "";
		while (!user.equals("jane") && System.nanoTime() < deadline) {
			long call = ws.send("call.account.jane.ping", null);
			ServiceStub.Request ping = service.next("call.account.jane.ping");
			user = ping.payload().at("/token/user").asString("");
			ping.respond("{\"result\":null}");
			ws.response(call);
		}
		assertThat(user).isEqualTo("jane");

		gateway.app().getBean(ResTokens.class).reset("t-42");

		ServiceStub.Request auth = service.next(RESET_SUBJECT);
		assertThat(auth.payload().get("cid").asString()).isEqualTo(cid);
		assertThat(auth.payload().at("/token/user").asString()).isEqualTo("jane");
		assertThat(auth.payload().has("params")).isFalse();
		auth.respond("{\"result\":null}");
		ws.assertNoFrame(Duration.ofMillis(200));
	}

	@Test
	void httpApiRequestWithTheSessionCookieHasTheSessionsToken() throws Exception {
		String session = gateway.formLogin("jane");
		var pending = gateway.getAsync("/api/account/jane", "Cookie", "JSESSIONID=" + session);
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.jane");
		assertThat(access.payload().at("/token/name").asString()).isEqualTo("jane");
		access.respond("{\"result\":{\"get\":true}}");
		ServiceStub.pick(requests, "get.account.jane").respond("{\"result\":{\"model\":{\"owner\":\"jane\"}}}");
		assertThat(pending.get().statusCode()).isEqualTo(200);
	}

	/** Opens a WebSocket and subscribes the user's account, granted to the user's token. */
	private WsTestClient subscribedAccount(String user, String... headers) {
		WsTestClient ws = gateway.connect(headers);
		long id = ws.send("subscribe.account." + user, null);
		boolean cached = !loaded.add(user);
		List<ServiceStub.Request> requests = service.nextParallel(cached ? 1 : 2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account." + user);
		assertThat(access.payload().at("/token/name").asString()).isEqualTo(user);
		access.respond("{\"result\":{\"get\":true}}");
		if (!cached) {
			ServiceStub.pick(requests, "get.account." + user)
				.respond("{\"result\":{\"model\":{\"owner\":\"" + user + "\"}}}");
		}
		assertThat(ws.response(id).has("result")).isTrue();
		return ws;
	}

	/** The accounts the gateway has cached. */
	private final Set<String> loaded = new HashSet<>();

	/**
	 * The connection's token was cleared: access is checked again without a token, the service denies
	 * it, the client gets an unsubscribe event.
	 */
	private void assertLosesAccount(WsTestClient ws, String user) {
		ServiceStub.Request access = service.next("access.account." + user);
		JsonNode token = access.payload().get("token");
		assertThat(token == null || token.isNull()).as(access.payload().toString()).isTrue();
		access.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
		JsonNode event = ws.event();
		assertThat(event.get("event").asString()).isEqualTo("account." + user + ".unsubscribe");
		assertThat(event.at("/data/reason/code").asString()).isEqualTo("system.accessDenied");
	}

	/** A gateway behind Spring Security: form login with sessions, logout; every request permitted. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	static class SessionApp {

		@Bean
		SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
				.formLogin(Customizer.withDefaults())
				.logout(Customizer.withDefaults())
				.csrf(c -> c.disable());
			return http.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(User.withUsername("jane").password("{noop}jane").roles("USER").build(),
					User.withUsername("john").password("{noop}john").roles("USER").build());
		}
	}
}
