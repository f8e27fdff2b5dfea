package io.resgate.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.test.NatsServerExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code resgate} health contributor and the meters of an application running gateway and service on a
 * real NATS server: health goes DOWN when the server stops and UP again when it is back; the gauges follow
 * client connections and subscriptions.
 */
class OperationsNatsTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = new SpringApplicationBuilder(OpsApp.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "resgate.nats.url=" + nats.url(),
					"resgate.nats.reconnect-wait=100ms", "resgate.cache.unsubscribe-delay=50ms",
					"management.endpoint.health.show-details=always",
					"management.endpoints.web.exposure.include=health,metrics")
			.run();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void healthFollowsTheNatsConnection() throws Exception {
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(status("messaging")));
		assertThat(status("gateway")).isEqualTo(Status.UP);
		assertThat(status("service")).isEqualTo(Status.UP);
		assertThat(indicator("messaging").health().getDetails().get("transport").toString()).startsWith("NATS ");
		assertThat(indicator("service").health().getDetails().get("resources").toString()).contains("ops.*");
		JsonNode up = health(200);
		assertThat(up.at("/components/resgate/status").asString()).isEqualTo("UP");
		assertThat(up.at("/components/resgate/components/messaging/details/transport").asString())
			.startsWith("NATS ");
		assertThat(up.at("/components/resgate/components/gateway/status").asString()).isEqualTo("UP");
		assertThat(up.at("/components/resgate/components/service/details/pendingRequests").asInt()).isZero();

		nats.stop();
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.DOWN.equals(status("messaging")));
		assertThat(status("gateway")).isEqualTo(Status.DOWN);
		assertThat(status("service")).isEqualTo(Status.DOWN);
		assertThat(gauge("resgate.messaging.connected")).isZero();
		JsonNode down = health(503);
		assertThat(down.at("/status").asString()).isEqualTo("DOWN");
		assertThat(down.at("/components/resgate/status").asString()).isEqualTo("DOWN");
		assertThat(down.at("/components/resgate/components/messaging/details/transport").asString())
			.isEqualTo("NATS " + nats.url() + " (disconnected, reconnecting)");
		assertThat(down.at("/components/resgate/components/gateway/details/state").asString())
			.isEqualTo("RECONNECTING");

		nats.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> Status.UP.equals(status("messaging")));
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(status("gateway"))
				&& Status.UP.equals(status("service")));
		assertThat(gauge("resgate.messaging.connected")).isEqualTo(1.0);
		assertThat(health(200).at("/components/resgate/status").asString()).isEqualTo("UP");
	}

	@Test
	void metersFollowClientTraffic() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> Status.UP.equals(status("gateway")));
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		double before = gauge("resgate.gateway.connections");
		long subscribed = clientRequests("subscribe", "success");
		long notFound = clientRequests("subscribe", "error");
		double gets = counter("resgate.service.requests", "get", "success");
		double accesses = counter("resgate.service.requests", "access", "success");
		double missing = counter("resgate.service.requests", "get", "error");
		double events = app.getBean(MeterRegistry.class).get("resgate.gateway.events").functionCounter().count();
		try (WsTestClient c = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> gauge("resgate.gateway.connections") == before + 1);
			assertThat(c.request("subscribe.ops.counter", null).get("result").get("models").get("ops.counter")
				.get("n").asInt()).isEqualTo(1);
			assertThat(gauge("resgate.gateway.cache.resources")).isGreaterThanOrEqualTo(1.0);
			assertThat(indicator("gateway").health().getDetails()).containsEntry("connections", (int) before + 1);
			assertThat(clientRequests("subscribe", "success")).isEqualTo(subscribed + 1);
			assertThat(counter("resgate.service.requests", "get", "success")).isEqualTo(gets + 1);
			assertThat(counter("resgate.service.requests", "access", "success")).isEqualTo(accesses + 1);

			assertThat(c.request("subscribe.ops.missing", null).get("error").get("code").asString())
				.isEqualTo("system.notFound");
			assertThat(clientRequests("subscribe", "error")).isEqualTo(notFound + 1);
			assertThat(counter("resgate.service.requests", "get", "error")).isEqualTo(missing + 1);

			app.getBean(ResEvents.class).custom("ops.counter", "ping", Map.of("x", 1));
			assertThat(c.event().get("event").asString()).isEqualTo("ops.counter.ping");
			assertThat(app.getBean(MeterRegistry.class).get("resgate.gateway.events").functionCounter().count())
				.isEqualTo(events + 1);
			HttpResponse<String> metric = get("/actuator/metrics/resgate.gateway.connections");
			assertThat(metric.statusCode()).isEqualTo(200);
			assertThat(app.getBean(JsonMapper.class).readTree(metric.body()).at("/measurements/0/value").asDouble())
				.isEqualTo(before + 1);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> gauge("resgate.gateway.connections") == before);
		await().atMost(Duration.ofSeconds(5)).until(() -> gauge("resgate.gateway.cache.resources") == 0);
	}

	private static HealthIndicator indicator(String name) {
		return (HealthIndicator) app.getBean("resgateHealthContributor", CompositeHealthContributor.class)
			.getContributor(name);
	}

	private static Status status(String name) {
		return indicator(name).health().getStatus();
	}

	private static JsonNode health(int expectedStatus) throws Exception {
		HttpResponse<String> r = get("/actuator/health");
		assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
		return app.getBean(JsonMapper.class).readTree(r.body());
	}

	private static HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static double counter(String name, String type, String outcome) {
		return app.getBean(MeterRegistry.class).get(name).tag("type", type).tag("outcome", outcome)
			.functionCounter().count();
	}

	private static long clientRequests(String type, String outcome) {
		return app.getBean(MeterRegistry.class).get("resgate.gateway.requests").tag("type", type)
			.tag("outcome", outcome).tag("transport", "websocket").timer().count();
	}

	private static double gauge(String name) {
		return app.getBean(MeterRegistry.class).get(name).gauge().value();
	}

	/** Gateway and service in one application. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OpsApp {

		@Bean
		Counter counter() {
			return new Counter();
		}
	}

	/** A model every client may read, and its missing sibling. */
	@ResModel("ops.$name")
	static class Counter {

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		java.util.Optional<Map<String, Object>> get(@PathParam String name) {
			return name.equals("counter") ? java.util.Optional.of(Map.of("n", 1)) : java.util.Optional.empty();
		}
	}
}
