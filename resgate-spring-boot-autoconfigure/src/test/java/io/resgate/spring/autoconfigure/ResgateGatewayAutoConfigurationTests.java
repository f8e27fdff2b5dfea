package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.web.WebSocketHandshake;
import io.resgate.spring.gateway.web.WebSocketUpgradeMapping;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateGatewayAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
				ResgateGatewayAutoConfiguration.class))
		.withPropertyValues("resgate.service.enabled=false");

	@Test
	void gatewayInAServletWebApplication() {
		web.run(ctx -> {
			assertThat(ctx).hasSingleBean(GatewayService.class).hasSingleBean(WebSocketHandshake.class);
			assertThat(ctx).hasBean("resgateWebSocketHandlerMapping");
			assertThat(ctx.getBean(GatewayService.class).isAvailable()).isTrue();
		});
	}

	@Test
	void settingsComeFromTheProperties() {
		web.withPropertyValues("resgate.request-timeout=750ms", "resgate.cache.unsubscribe-delay=1s",
				"resgate.gateway.outbound-queue-bytes=64KB", "resgate.ws-header-auth=auth.header")
			.run(ctx -> {
				var settings = ctx.getBean(GatewayService.class).settings();
				assertThat(settings.requestTimeout()).hasMillis(750);
				assertThat(settings.unsubscribeDelay()).hasSeconds(1);
				assertThat(settings.outboundQueueBytes()).isEqualTo(64 * 1024);
				assertThat(settings.wsHeaderAuth()).isEqualTo("auth.header");
			});
	}

	@Test
	void canBeDisabled() {
		web.withPropertyValues("resgate.gateway.enabled=false")
			.run(ctx -> assertThat(ctx).doesNotHaveBean(GatewayService.class)
				.doesNotHaveBean(WebSocketUpgradeMapping.class));
	}

	@Test
	void notInANonWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
					ResgateGatewayAutoConfiguration.class))
			.run(ctx -> assertThat(ctx).doesNotHaveBean(GatewayService.class));
	}

	@Test
	void backsOffForAUserGatewayService() {
		web.withBean("myGateway", GatewayService.class,
				() -> new GatewayService(new io.resgate.spring.messaging.LocalMessaging(),
						new io.resgate.spring.protocol.ResCodec(),
						io.resgate.spring.gateway.requests.GatewaySettings.defaults()))
			.run(ctx -> assertThat(ctx).hasSingleBean(GatewayService.class).hasBean("myGateway"));
	}
}
