package io.resgate.spring.autoconfigure;

import io.resgate.spring.actuate.GatewayHealthIndicator;
import io.resgate.spring.actuate.MessagingHealthIndicator;
import io.resgate.spring.actuate.ServiceHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
				ResgateServiceAutoConfiguration.class, ResgateHealthContributorAutoConfiguration.class));

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
				ResgateServiceAutoConfiguration.class, ResgateGatewayAutoConfiguration.class,
				ResgateHealthContributorAutoConfiguration.class));

	@Test
	void messagingAndServiceInANonWebApplication() {
		runner.run(ctx -> {
			CompositeHealthContributor resgate = ctx.getBean("resgateHealthContributor",
					CompositeHealthContributor.class);
			assertThat(resgate.getContributor("messaging")).isInstanceOf(MessagingHealthIndicator.class);
			assertThat(resgate.getContributor("service")).isInstanceOf(ServiceHealthIndicator.class);
			assertThat(resgate.getContributor("gateway")).isNull();
			Health messaging = health(resgate, "messaging");
			assertThat(messaging.getStatus()).isEqualTo(Status.UP);
			assertThat(messaging.getDetails()).containsEntry("transport", "in-process bus");
			Health service = health(resgate, "service");
			assertThat(service.getStatus()).isEqualTo(Status.UP);
			assertThat(service.getDetails()).containsEntry("pendingRequests", 0)
				.containsKeys("resources", "access");
		});
	}

	@Test
	void gatewayInAWebApplication() {
		web.withPropertyValues("resgate.service.enabled=false").run(ctx -> {
			CompositeHealthContributor resgate = ctx.getBean("resgateHealthContributor",
					CompositeHealthContributor.class);
			assertThat(resgate.getContributor("gateway")).isInstanceOf(GatewayHealthIndicator.class);
			assertThat(resgate.getContributor("service")).isNull();
			Health gateway = health(resgate, "gateway");
			assertThat(gateway.getStatus()).isEqualTo(Status.UP);
			assertThat(gateway.getDetails()).containsEntry("connections", 0).containsEntry("cachedResources", 0);
		});
	}

	@Test
	void serviceIsOutOfServiceWhenStopped() {
		runner.run(ctx -> {
			ctx.getBean(io.resgate.spring.service.runtime.ResServiceRegistry.class).stop();
			CompositeHealthContributor resgate = ctx.getBean("resgateHealthContributor",
					CompositeHealthContributor.class);
			assertThat(health(resgate, "service").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void canBeDisabled() {
		runner.withPropertyValues("management.health.resgate.enabled=false")
			.run(ctx -> assertThat(ctx).doesNotHaveBean("resgateHealthContributor"));
	}

	@Test
	void followsTheDefaultsSwitch() {
		runner.withPropertyValues("management.health.defaults.enabled=false")
			.run(ctx -> assertThat(ctx).doesNotHaveBean("resgateHealthContributor"));
	}

	@Test
	void absentWithoutSpringBootHealth() {
		runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run(ctx -> {
				assertThat(ctx).hasNotFailed().doesNotHaveBean("resgateHealthContributor");
				assertThat(ctx).hasBean("resServiceRegistry");
			});
	}

	@Test
	void backsOffForAUserContributor() {
		runner.withBean("resgateHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.run(ctx -> {
				assertThat(ctx).doesNotHaveBean("resgateHealthContributor");
				assertThat(ctx).hasSingleBean(HealthContributor.class);
			});
	}

	private static Health health(CompositeHealthContributor composite, String name) {
		return ((HealthIndicator) composite.getContributor(name)).health();
	}
}
