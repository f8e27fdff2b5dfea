package io.resgate.spring.gateway.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway that is an OAuth2 resource server: a connection authenticated by a JWT bearer token has
 * the token of its {@code Authentication}, with the JWT's {@code jti} as token ID; when the JWT
 * expires while the connection is open, its token is cleared and access checked again (the client
 * gets {@code unsubscribe} events for what it may no longer see). Expired and forged JWTs get 401 with
 * a RES error body, on the HTTP API and on the WebSocket upgrade. The keys are made by the test.
 * Subclasses run it on the in-process bus and on nats-server.
 */
abstract class GatewayJwtTests {

	private static final TestJwts JWTS = new TestJwts();

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
		gateway = new SecuredGateway(SecuredGateway.run(JwtApp.class, properties()));
		service = new ServiceStub(serviceMessaging(gateway.app()), "access.account.>", "get.account.>", "auth.>");
	}

	@AfterEach
	void stop() {
		service.close();
		gateway.close();
	}

	@Test
	void aValidBearerTokenIsTheConnectionsTokenAndItsJtiTheTokenId() {
		String jwt = JWTS.token("jane", "jwt-1", Instant.now().plus(10, ChronoUnit.MINUTES));
		WsTestClient ws = subscribedAccount("jane", jwt);

		gateway.app().getBean(ResTokens.class).reset("jwt-1");

		assertLosesAccount(ws, "jane");
		service.assertNoRequest(Duration.ofMillis(300));
	}

	@Test
	void httpApiRequestWithAValidBearerTokenHasItsToken() throws Exception {
		String jwt = JWTS.token("jane", "jwt-2", Instant.now().plus(10, ChronoUnit.MINUTES));
		CompletableFuture<HttpResponse<String>> pending = gateway.getAsync("/api/account/jane", "Authorization",
				"Bearer " + jwt);
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.jane");
		assertJanesToken(access.payload().get("token"));
		access.respond("{\"result\":{\"get\":true}}");
		ServiceStub.pick(requests, "get.account.jane").respond("{\"result\":{\"model\":{\"owner\":\"jane\"}}}");
		HttpResponse<String> r = pending.get();
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(SecuredGateway.json(r.body()).get("owner").asString()).isEqualTo("jane");
	}

	@Test
	void aTokenThatExpiresWhileSubscribedIsClearedAndAccessCheckedAgain() {
		// JWT times are whole seconds: this one expires 5 to 6 s from now, time enough to subscribe on a busy machine
		Instant exp = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
		WsTestClient ws = subscribedAccount("jane", JWTS.token("jane", "jwt-3", exp));

		ServiceStub.Request reaccess = service.next(Duration.ofSeconds(20));
		assertThat(reaccess.subject()).isEqualTo("access.account.jane");
		assertThat(Instant.now()).isAfterOrEqualTo(exp);
		assertNoToken(reaccess);
		reaccess.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
		assertThat(ws.event().get("event").asString()).isEqualTo("account.jane.unsubscribe");

		// a request of the connection from then on has no token: the service denies it
		long id = ws.send("subscribe.account.jane", null);
		ServiceStub.Request access = service.next("access.account.jane");
		assertNoToken(access);
		access.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
		assertThat(ws.response(id).at("/error/code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void anExpiredBearerTokenGets401WithAResErrorBody() throws Exception {
		String jwt = JWTS.token("jane", "jwt-4", Instant.now().minusSeconds(5));
		assertRefused(jwt);
	}

	@Test
	void aForgedBearerTokenGets401WithAResErrorBody() throws Exception {
		String jwt = JWTS.forged("jane", "jwt-5", Instant.now().plus(10, ChronoUnit.MINUTES));
		assertRefused(jwt);
	}

	private void assertRefused(String jwt) throws Exception {
		HttpResponse<String> r = gateway.getAsync("/api/account/jane", "Authorization", "Bearer " + jwt).get();
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(SecuredGateway.json(r.body()).get("code").asString()).as(r.body()).isEqualTo("system.accessDenied");
		SecuredGateway.Refusal upgrade = gateway.rawUpgrade("Authorization: Bearer " + jwt);
		assertThat(upgrade.status()).isEqualTo(401);
		assertThat(SecuredGateway.json(upgrade.body()).get("code").asString()).as(upgrade.body())
			.isEqualTo("system.accessDenied");
		assertThat(r.body() + upgrade.body()).doesNotContain("Exception").doesNotContain("at org.");
		service.assertNoRequest(Duration.ofMillis(200));
	}

	/** Opens a WebSocket with the bearer token and subscribes the user's account, granted to its token. */
	private WsTestClient subscribedAccount(String user, String jwt) {
		WsTestClient ws = gateway.connect("Authorization", "Bearer " + jwt);
		long id = ws.send("subscribe.account." + user, null);
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account." + user);
		assertJanesToken(access.payload().get("token"));
		access.respond("{\"result\":{\"get\":true}}");
		ServiceStub.pick(requests, "get.account." + user)
			.respond("{\"result\":{\"model\":{\"owner\":\"" + user + "\"}}}");
		assertThat(ws.response(id).has("result")).as("subscribed").isTrue();
		return ws;
	}

	/** The default token of a JWT: its subject and its scopes as authorities. */
	private static void assertJanesToken(JsonNode token) {
		assertThat(token.get("name").asString()).isEqualTo("jane");
		List<String> authorities = new ArrayList<>();
		token.get("authorities").forEach(a -> authorities.add(a.asString()));
		assertThat(authorities).contains("SCOPE_account:read");
	}

	private static void assertNoToken(ServiceStub.Request request) {
		JsonNode token = request.payload().get("token");
		assertThat(token == null || token.isNull()).as(request.payload().toString()).isTrue();
	}

	private void assertLosesAccount(WsTestClient ws, String user) {
		ServiceStub.Request access = service.next("access.account." + user);
		assertNoToken(access);
		access.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
		JsonNode event = ws.event();
		assertThat(event.get("event").asString()).isEqualTo("account." + user + ".unsubscribe");
		assertThat(event.at("/data/reason/code").asString()).isEqualTo("system.accessDenied");
	}

	/** A gateway that is an OAuth2 resource server: JWT bearer tokens, no sessions; every request permitted. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	static class JwtApp {

		@Bean
		SecurityFilterChain filterChain(HttpSecurity http, JwtDecoder decoder) throws Exception {
			http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
				.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder)))
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(c -> c.disable());
			return http.build();
		}

		@Bean
		JwtDecoder jwtDecoder() {
			return JWTS.decoder();
		}
	}
}
