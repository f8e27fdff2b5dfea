package io.resgate.spring.autoconfigure;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateMessagingAutoConfigurationTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class));

	@Test
	void inProcessBusByDefault() {
		runner.run(ctx -> {
			assertThat(ctx).hasSingleBean(Messaging.class).hasSingleBean(ResCodec.class);
			assertThat(ctx.getBean(Messaging.class)).isInstanceOf(LocalMessaging.class);
			assertThat(ctx.getBean(Messaging.class).isConnected()).isTrue();
		});
	}

	@Test
	void blankUrlMeansInProcessBus() {
		runner.withPropertyValues("resgate.nats.url=").run(ctx ->
			assertThat(ctx.getBean(Messaging.class)).isInstanceOf(LocalMessaging.class));
	}

	@Test
	void natsWhenUrlIsSet() {
		runner.withPropertyValues("resgate.nats.url=" + nats.url(), "resgate.nats.connection-name=test-conn").run(ctx -> {
			Messaging m = ctx.getBean(Messaging.class);
			assertThat(m).isInstanceOf(NatsMessaging.class);
			assertThat(m.isConnected()).isTrue();
			assertThat(((NatsMessaging) m).connection().getOptions().getConnectionName()).isEqualTo("test-conn");
			assertThat(m.describe()).contains(Integer.toString(nats.port()));
		});
	}

	@Test
	void commaSeparatedServerList() {
		runner.withPropertyValues("resgate.nats.url=nats://127.0.0.1:1," + nats.url()).run(ctx -> {
			assertThat(ctx).hasNotFailed();
			assertThat(ctx.getBean(Messaging.class).isConnected()).isTrue();
		});
	}

	@Test
	void unreachableServerFailsStartupWithClearMessage() {
		runner.withPropertyValues("resgate.nats.url=nats://127.0.0.1:1", "resgate.nats.connection-timeout=500ms")
			.run(ctx -> {
				assertThat(ctx).hasFailed();
				assertThat(ctx.getStartupFailure()).rootCause().isNotNull();
				assertThat(ctx.getStartupFailure()).hasStackTraceContaining("Cannot connect to NATS");
			});
	}

	@Test
	void userMessagingBeanWins() {
		runner.withUserConfiguration(CustomMessaging.class).withPropertyValues("resgate.nats.url=" + nats.url())
			.run(ctx -> {
				assertThat(ctx).hasSingleBean(Messaging.class);
				assertThat(ctx.getBean(Messaging.class)).isSameAs(ctx.getBean(CustomMessaging.class).bus);
			});
	}

	@Test
	void userCodecWins() {
		ResCodec codec = new ResCodec();
		runner.withBean(ResCodec.class, () -> codec).run(ctx -> assertThat(ctx.getBean(ResCodec.class)).isSameAs(codec));
	}

	@Test
	void propertiesHaveResgateDefaults() {
		runner.run(ctx -> {
			ResgateProperties p = ctx.getBean(ResgateProperties.class);
			assertThat(p.getRequestTimeout().toMillis()).isEqualTo(3000);
			assertThat(p.getWsPath()).isEqualTo("/");
			assertThat(p.getApiPath()).isEqualTo("/api");
			assertThat(p.getApiEncoding()).isEqualTo("json");
			assertThat(p.getGateway().isEnabled()).isTrue();
			assertThat(p.getService().isEnabled()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMessaging {

		final LocalMessaging bus = new LocalMessaging();

		@Bean
		Messaging customMessaging() {
			return bus;
		}
	}
}
