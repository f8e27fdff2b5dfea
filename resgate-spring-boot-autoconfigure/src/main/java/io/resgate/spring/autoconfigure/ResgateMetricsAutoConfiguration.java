package io.resgate.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.binder.MeterBinder;

import io.resgate.spring.actuate.ResgateMeters;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Micrometer meters of the messaging connection, the gateway and the service, when Micrometer is on the
 * class path. They are {@link MeterBinder} beans, which Spring Boot's metrics support binds to every
 * meter registry. Disabled with {@code resgate.metrics.enabled=false}.
 */
@AutoConfiguration(afterName = { "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration",
		"io.resgate.spring.autoconfigure.ResgateGatewayAutoConfiguration",
		"io.resgate.spring.autoconfigure.ResgateServiceAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBooleanProperty(name = "resgate.metrics.enabled", matchIfMissing = true)
public class ResgateMetricsAutoConfiguration {

	/** Meters of the messaging connection. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Messaging.class)
	static class MessagingMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "resgateMessagingMetrics")
		MeterBinder resgateMessagingMetrics(Messaging messaging) {
			return ResgateMeters.messaging(messaging);
		}
	}

	/** Meters of the gateway. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(GatewayService.class)
	static class GatewayMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "resgateGatewayMetrics")
		MeterBinder resgateGatewayMetrics(GatewayService gateway) {
			return ResgateMeters.gateway(gateway);
		}
	}

	/** Meters of the service. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ResServiceRegistry.class)
	static class ServiceMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "resgateServiceMetrics")
		MeterBinder resgateServiceMetrics(ResServiceRegistry registry) {
			return ResgateMeters.service(registry);
		}
	}
}
