package io.resgate.spring.service.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path: the gateway's Spring Security (HTTP Basic) makes the connection's default token
 * ({@code {"name":..., "authorities":[...]}}), and the services decide with a declarative access rule and
 * {@code @PreAuthorize} on a call handler, over the HTTP API. Gateway and services in one application on the
 * in-process bus, or a gateway alone and a service application on nats-server.
 */
class ServiceSecurityEndToEndTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	enum Deployment {
		IN_PROCESS, NATS
	}

	/** Each user reads their own documents; admins read all and archive them. */
	@ResModel("doc.$owner")
	@ResAccess(get = "token?.name == #owner or hasRole('ADMIN')", call = "isAuthenticated()")
	public static class Docs {

		@ResGet
		Map<String, Object> get(@PathParam String owner) {
			return Map.of("owner", owner);
		}

		@ResCall
		@PreAuthorize("hasRole('ADMIN')")
		String archive(@PathParam String owner, @AuthenticationPrincipal String name, Authentication authentication) {
			return owner + " archived by " + name + " " + authentication.getAuthorities().iterator().next();
		}
	}

	/** The gateway with Spring Security; with the services when it runs them. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	@Import(Docs.class)
	public static class SecuredServicesApp {

		@Bean
		SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf(c -> c.disable());
			return http.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(User.withUsername("jane").password("{noop}jane").roles("USER").build(),
					User.withUsername("root").password("{noop}root").roles("ADMIN").build());
		}
	}

	/** The services alone. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Docs.class)
	public static class DocsServiceApp {
	}

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private int port;

	@AfterEach
	void stop() {
		apps.forEach(ConfigurableApplicationContext::close);
	}

	private void start(Deployment d) {
		if (d == Deployment.IN_PROCESS) {
			apps.add(ServicesApp.start(SecuredServicesApp.class));
		}
		else {
			apps.add(ServicesApp.start(DocsServiceApp.class, "resgate.nats.url=" + nats.url(),
					"spring.main.web-application-type=none"));
			apps.add(ServicesApp.start(SecuredServicesApp.class, "resgate.nats.url=" + nats.url(),
					"resgate.service.enabled=false"));
		}
		port = ServicesApp.port(apps.get(apps.size() - 1));
	}

	private HttpResponse<String> send(String method, String path, String user) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
					: HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			b.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		if (method.equals("POST")) {
			b.header("Content-Type", "application/json");
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@EnumSource(Deployment.class)
	void accessRulesAndPreAuthorizeDecideOnTheGatewaysDefaultToken(Deployment d) throws Exception {
		start(d);
		HttpResponse<String> own = send("GET", "/api/doc/jane", "jane");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).isEqualTo("{\"owner\":\"jane\"}");
		assertThat(send("GET", "/api/doc/root", "jane").body()).contains("system.accessDenied");
		assertThat(send("GET", "/api/doc/jane", null).body()).contains("system.accessDenied");
		assertThat(send("GET", "/api/doc/jane", "root").body()).isEqualTo("{\"owner\":\"jane\"}");

		HttpResponse<String> archived = send("POST", "/api/doc/jane/archive", "root");
		assertThat(archived.statusCode()).isEqualTo(200);
		assertThat(archived.body()).isEqualTo("\"jane archived by root ROLE_ADMIN\"");
		HttpResponse<String> denied = send("POST", "/api/doc/jane/archive", "jane");
		assertThat(denied.body()).contains("system.accessDenied").doesNotContain("Exception");
		assertThat(send("POST", "/api/doc/jane/archive", null).body()).contains("system.accessDenied");
	}
}
