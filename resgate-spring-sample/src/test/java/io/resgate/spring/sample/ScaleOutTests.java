package io.resgate.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.sample.library.BookCollection;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample jar on a real nats-server, as documented in docs/scaling.md: one process with both halves
 * ({@code --resgate.nats.url=...}), and the scale-out of gateway-only processes
 * ({@code --resgate.service.enabled=false}) in front of a service-only process
 * ({@code --resgate.gateway.enabled=false}, no web server). Clients of different gateways see each
 * other's changes, and a revocation on one gateway logs the user out on the other.
 */
class ScaleOutTests {

	@RegisterExtension
	static final NatsServerExtension nats = new NatsServerExtension();

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	@AfterEach
	void stopApps() {
		apps.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void runsWithBothHalvesOnNats() throws Exception {
		ConfigurableApplicationContext app = start(WebApplicationType.SERVLET, "--server.port=0");
		assertThat(app.getBean(Messaging.class)).isInstanceOf(NatsMessaging.class);
		try (ResWebSocketClient client = new ResWebSocketClient(wsUri(app))) {
			client.request("version", "{\"protocol\":\"1.2.3\"}");
			JsonNode books = client.request("subscribe.library.books", null);
			assertThat(books.at("/result/collections/library.books")).hasSize(3);
			assertThat(books.at("/result/models/library.book.1/title").asString()).isEqualTo("Animal Farm");
		}
	}

	@Test
	void gatewayOnlyProcessesServeTheResourcesOfAServiceOnlyProcess() throws Exception {
		ConfigurableApplicationContext service = start(WebApplicationType.NONE, "--resgate.gateway.enabled=false");
		ConfigurableApplicationContext gateway1 = start(WebApplicationType.SERVLET, "--resgate.service.enabled=false",
				"--server.port=0");
		ConfigurableApplicationContext gateway2 = start(WebApplicationType.SERVLET, "--resgate.service.enabled=false",
				"--server.port=0");
		assertThat(service.getBeansOfType(GatewayService.class)).isEmpty();
		assertThat(service.getBeansOfType(BookCollection.class)).hasSize(1);
		assertThat(gateway1.getBeansOfType(BookCollection.class)).isEmpty();
		assertThat(gateway1.getBeansOfType(GatewayService.class)).hasSize(1);

		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(gateway1) + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);

		try (ResWebSocketClient a = new ResWebSocketClient(wsUri(gateway1));
				ResWebSocketClient b = new ResWebSocketClient(wsUri(gateway2))) {
			a.request("version", "{\"protocol\":\"1.2.3\"}");
			b.request("version", "{\"protocol\":\"1.2.3\"}");
			int size = a.request("subscribe.library.books", null).at("/result/collections/library.books").size();
			assertThat(b.request("subscribe.library.books", null).at("/result/collections/library.books")).hasSize(size);

			JsonNode created = a.request("call.library.books.new", "{\"title\":\"Solaris\",\"author\":\"Stanislaw Lem\"}");
			assertThat(created.has("error")).as("%s", created).isFalse();
			JsonNode added = b.nextEvent("library.books.add");
			assertThat(added.get("idx").asInt()).isEqualTo(size);
			String rid = added.at("/value/rid").asString();
			assertThat(added.at("/models/" + rid + "/title").asString()).isEqualTo("Solaris");

			JsonNode login = b.request("auth.session.login", "{\"username\":\"jane\",\"password\":\"jane\"}");
			assertThat(login.at("/result/payload/name").asString()).as("%s", login).isEqualTo("Jane Doe");
			assertThat(b.request("subscribe.account.jane", null).has("result")).isTrue();
			assertThat(a.request("subscribe.account.jane", null).at("/error/code").asString())
				.isEqualTo("system.accessDenied");

			// jane logs in on the other gateway too, and signs out everywhere from there
			a.request("auth.session.login", "{\"username\":\"jane\",\"password\":\"jane\"}");
			assertThat(a.request("call.session.revoke", "{}").at("/result/payload/revoked").asInt()).isEqualTo(2);
			JsonNode unsubscribed = b.nextEvent("account.jane.unsubscribe");
			assertThat(unsubscribed.at("/reason/code").asString()).isEqualTo("system.accessDenied");
		}
	}

	private ConfigurableApplicationContext start(WebApplicationType type, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--resgate.nats.url=" + nats.url());
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).web(type)
			.run(all.toArray(String[]::new));
		apps.add(app);
		return app;
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	private static URI wsUri(ConfigurableApplicationContext app) {
		return URI.create("ws://127.0.0.1:" + port(app) + "/");
	}
}
