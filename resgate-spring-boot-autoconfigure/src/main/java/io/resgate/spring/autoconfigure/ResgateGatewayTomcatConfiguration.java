package io.resgate.spring.autoconfigure;

import io.resgate.spring.protocol.ResCodec;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The embedded Tomcat set up for a gateway, part of the gateway's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
class ResgateGatewayTomcatConfiguration {

	/**
	 * The server defaults for a gateway, where the application did not set its own.
	 * @param environment the environment
	 * @param codec the JSON codec
	 * @return the customizer
	 */
	@Bean
	@ConditionalOnMissingBean
	GatewayTomcatCustomizer resgateGatewayTomcatCustomizer(Environment environment, ResCodec codec) {
		return new GatewayTomcatCustomizer(environment, codec);
	}
}
