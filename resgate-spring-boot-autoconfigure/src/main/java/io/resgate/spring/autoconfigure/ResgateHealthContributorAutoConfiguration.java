package io.resgate.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.resgate.spring.actuate.GatewayHealthIndicator;
import io.resgate.spring.actuate.MessagingHealthIndicator;
import io.resgate.spring.actuate.ServiceHealthIndicator;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * The {@code resgate} health contributor, when Spring Boot's health support is on the class path:
 * {@code messaging}, plus {@code gateway} and {@code service} when they run in this application.
 * Disabled with {@code management.health.resgate.enabled=false}; replaced by a bean named
 * {@code resgateHealthContributor} or {@code resgateHealthIndicator}.
 */
@AutoConfiguration(afterName = { "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration",
		"io.resgate.spring.autoconfigure.ResgateGatewayAutoConfiguration",
		"io.resgate.spring.autoconfigure.ResgateServiceAutoConfiguration" })
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(Messaging.class)
public class ResgateHealthContributorAutoConfiguration {

	/**
	 * The contributor, in a nested class so that its condition is only loaded when the health classes are
	 * present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("resgate")
	static class ResgateHealthContributorConfiguration {

		/**
		 * The {@code resgate} health contributor.
		 * @param messaging the messaging system
		 * @param gateway the gateway, if this application runs one
		 * @param service the service, if this application runs one
		 * @return the composite contributor
		 */
		@Bean
		@ConditionalOnMissingBean(name = { "resgateHealthContributor", "resgateHealthIndicator" })
		CompositeHealthContributor resgateHealthContributor(Messaging messaging,
				ObjectProvider<GatewayService> gateway, ObjectProvider<ResServiceRegistry> service) {
			Map<String, HealthContributor> parts = new LinkedHashMap<>();
			parts.put("messaging", new MessagingHealthIndicator(messaging));
			gateway.ifUnique(g -> parts.put("gateway", new GatewayHealthIndicator(g)));
			service.ifUnique(s -> parts.put("service", new ServiceHealthIndicator(s, messaging)));
			return CompositeHealthContributor.fromMap(parts);
		}
	}
}
