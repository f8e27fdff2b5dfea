package io.resgate.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Failures and mistakes explained at startup: an unreachable NATS, where the gateway listens, resources
 * nobody grants access to.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupDiagnosticsTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final String UNREACHABLE = "nats://bob:s3cret@127.0.0.1:1,nats://t0ken@127.0.0.1:2";

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
				ResgateServiceAutoConfiguration.class, ResgateGatewayAutoConfiguration.class,
				ResgateHttpApiAutoConfiguration.class));

	@Test
	void unreachableNatsIsAnalyzedWithTheUrlsTriedAndThePropertyToSet() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class))
			.withPropertyValues("resgate.nats.url=" + UNREACHABLE, "resgate.nats.connection-timeout=500ms")
			.run(ctx -> {
				assertThat(ctx).hasFailed();
				FailureAnalysis analysis = new NatsConnectionFailureAnalyzer().analyze(ctx.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("nats://***@127.0.0.1:1", "nats://***@127.0.0.1:2",
						"500 ms", "Connection refused");
				assertThat(analysis.getAction()).contains("resgate.nats.url");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret", "t0ken", "bob");
				assertThat(ctx.getStartupFailure()).hasStackTraceContaining("Cannot connect to NATS");
				assertThat(stackTrace(ctx.getStartupFailure())).doesNotContain("s3cret", "t0ken");
			});
	}

	@Test
	void applicationThatCannotReachNatsReportsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
		SpringApplication app = new SpringApplication(MessagingOnly.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setDefaultProperties(Map.of("resgate.nats.url", UNREACHABLE, "resgate.nats.connection-timeout", "500ms",
				"spring.main.banner-mode", "off"));
		assertThatException().isThrownBy(app::run);
		assertThat(output).contains("APPLICATION FAILED TO START", "nats://***@127.0.0.1:1", "Action:",
				"resgate.nats.url");
		assertThat(output).doesNotContain("s3cret", "t0ken", "Caused by");
	}

	@Test
	void oneLineNamesTheWebSocketPathTheApiPrefixAndTheTransport(CapturedOutput output) {
		web.run(ctx -> {
			assertThat(ctx).hasNotFailed();
			assertThat(output).containsOnlyOnce(
					"RES gateway: WebSocket at /, HTTP API under /api/, services over in-process bus");
		});
	}

	@Test
	void theLineFollowsTheConfiguration(CapturedOutput output) {
		web.withPropertyValues("resgate.ws-path=/ws", "resgate.api-path=/rest", "server.servlet.context-path=/app",
				"resgate.nats.url=" + nats.url())
			.run(ctx -> {
				assertThat(ctx).hasNotFailed();
				assertThat(output).contains("RES gateway: WebSocket at /app/ws, HTTP API under /app/rest/, "
						+ "services over NATS nats://127.0.0.1:" + nats.port());
			});
	}

	@Test
	void getHandlerWithoutAccessOnTheInProcessBusIsWarnedOf(CapturedOutput output) {
		web.withBean(ItemModel.class).run(ctx -> {
			assertThat(ctx).hasNotFailed();
			assertThat(output).containsOnlyOnce("No access handler for the resources of @ResModel(\"shop.item.$id\")")
				.contains("@ResAccess");
		});
	}

	@Test
	void accessHandlerOfAnotherComponentCoveringTheResourcesIsEnough(CapturedOutput output) {
		web.withBean(ItemModel.class).withBean(ShopAccess.class).run(ctx -> {
			assertThat(ctx).hasNotFailed();
			assertThat(output).doesNotContain("No access handler");
		});
	}

	@Test
	void notWarnedOfOnNatsWhereAnotherServiceMayGrantAccess(CapturedOutput output) {
		web.withBean(ItemModel.class).withPropertyValues("resgate.nats.url=" + nats.url()).run(ctx -> {
			assertThat(ctx).hasNotFailed();
			assertThat(output).doesNotContain("No access handler");
		});
	}

	@Test
	void notWarnedOfWithoutAGateway(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
					ResgateServiceAutoConfiguration.class))
			.withBean(ItemModel.class)
			.run(ctx -> {
				assertThat(ctx).hasNotFailed();
				assertThat(output).doesNotContain("No access handler");
			});
	}

	private static String stackTrace(Throwable t) {
		java.io.StringWriter w = new java.io.StringWriter();
		t.printStackTrace(new java.io.PrintWriter(w));
		return w.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ResgateMessagingAutoConfiguration.class)
	static class MessagingOnly {
	}

	@ResModel("shop.item.$id")
	static class ItemModel {

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}
	}

	@ResResource("shop.>")
	static class ShopAccess {

		@ResAccess
		Access access() {
			return Access.granted();
		}
	}
}
