package io.resgate.spring.actuate;

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
					"resgate.nats.reconnect-wait=100ms", "resgate.cache.unsubscribe-delay=50ms")
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

		nats.stop();
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.DOWN.equals(status("messaging")));
		assertThat(status("gateway")).isEqualTo(Status.DOWN);
		assertThat(status("service")).isEqualTo(Status.DOWN);
		assertThat(gauge("resgate.messaging.connected")).isZero();

		nats.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> Status.UP.equals(status("messaging")));
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(status("gateway"))
				&& Status.UP.equals(status("service")));
		assertThat(gauge("resgate.messaging.connected")).isEqualTo(1.0);
	}

	@Test
	void metersFollowClientTraffic() {
		await().atMost(Duration.ofSeconds(10)).until(() -> Status.UP.equals(status("gateway")));
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		double before = gauge("resgate.gateway.connections");
		double subscribed = counter("resgate.gateway.requests", "subscribe", "success");
		double notFound = counter("resgate.gateway.requests", "subscribe", "error");
		double gets = counter("resgate.service.requests", "get", "success");
		double accesses = counter("resgate.service.requests", "access", "success");
		double missing = counter("resgate.service.requests", "get", "error");
		double events = app.getBean(MeterRegistry.class).get("resgate.gateway.events").functionCounter().count();
		try (WsTestClient c = WsTestClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/"))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> gauge("resgate.gateway.connections") == before + 1);
			assertThat(c.request("subscribe.ops.counter", null).get("result").get("models").get("ops.counter")
				.get("n").asInt()).isEqualTo(1);
			assertThat(gauge("resgate.gateway.cache.resources")).isGreaterThanOrEqualTo(1.0);
			assertThat(indicator("gateway").health().getDetails()).containsEntry("connections", (int) before + 1);
			assertThat(counter("resgate.gateway.requests", "subscribe", "success")).isEqualTo(subscribed + 1);
			assertThat(counter("resgate.service.requests", "get", "success")).isEqualTo(gets + 1);
			assertThat(counter("resgate.service.requests", "access", "success")).isEqualTo(accesses + 1);

			assertThat(c.request("subscribe.ops.missing", null).get("error").get("code").asString())
				.isEqualTo("system.notFound");
			assertThat(counter("resgate.gateway.requests", "subscribe", "error")).isEqualTo(notFound + 1);
			assertThat(counter("resgate.service.requests", "get", "error")).isEqualTo(missing + 1);

			app.getBean(ResEvents.class).custom("ops.counter", "ping", Map.of("x", 1));
			assertThat(c.event().get("event").asString()).isEqualTo("ops.counter.ping");
			assertThat(app.getBean(MeterRegistry.class).get("resgate.gateway.events").functionCounter().count())
				.isEqualTo(events + 1);
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

	private static double counter(String name, String type, String outcome) {
		return app.getBean(MeterRegistry.class).get(name).tag("type", type).tag("outcome", outcome)
			.functionCounter().count();
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
