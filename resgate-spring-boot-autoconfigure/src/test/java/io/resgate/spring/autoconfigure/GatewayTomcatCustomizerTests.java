package io.resgate.spring.autoconfigure;

import java.util.Map;

import io.resgate.spring.protocol.ResCodec;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.tomcat.autoconfigure.TomcatWebServerFactoryCustomizer;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded Tomcat set up for a gateway: the starter's values where the application set none,
 * the application's own {@code server.*} values and customizer kept.
 */
class GatewayTomcatCustomizerTests {

	private static final String RELAXED = "\"<>[\\]^`{|}";

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TomcatServletWebServerAutoConfiguration.class,
				ResgateMessagingAutoConfiguration.class, ResgateGatewayAutoConfiguration.class))
		.withUserConfiguration(BootTomcatCustomizer.class)
		.withPropertyValues("resgate.service.enabled=false");

	/**
	 * Spring Boot's customizer of the server.* properties, which its auto-configuration only
	 * registers for an embedded server (a context runner's context counts as a war deployment).
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ServerProperties.class, TomcatServerProperties.class, WebProperties.class })
	static class BootTomcatCustomizer {

		@Bean
		TomcatWebServerFactoryCustomizer bootTomcatCustomizer(Environment environment, ServerProperties server,
				TomcatServerProperties tomcat, WebProperties web) {
			return new TomcatWebServerFactoryCustomizer(environment, server, tomcat, web);
		}
	}

	/** A protocol telling its keep-alive limit before its socket is bound (Tomcat answers 1 until then). */
	static final class Protocol extends Http11NioProtocol {

		private int maxKeepAliveRequests = 100;

		@Override
		public void setMaxKeepAliveRequests(int max) {
			super.setMaxKeepAliveRequests(max);
			this.maxKeepAliveRequests = max;
		}

		@Override
		public int getMaxKeepAliveRequests() {
			return maxKeepAliveRequests;
		}
	}

	/** The connector the customized factory would start, without starting it. */
	private static Connector connector(AssertableWebApplicationContext ctx) {
		TomcatServletWebServerFactory factory = ctx.getBean(TomcatServletWebServerFactory.class);
		Connector connector = new Connector(new Protocol());
		for (TomcatConnectorCustomizer c : factory.getConnectorCustomizers()) {
			c.customize(connector);
		}
		return connector;
	}

	private static Protocol protocol(Connector connector) {
		return (Protocol) connector.getProtocolHandler();
	}

	@Test
	void setsUpTheServerForAGateway() {
		web.run(ctx -> {
			assertThat(ctx).hasSingleBean(GatewayTomcatCustomizer.class);
			Connector connector = connector(ctx);
			assertThat(protocol(connector).getMaxConnections()).isEqualTo(-1);
			assertThat(protocol(connector).getAcceptCount()).isEqualTo(4096);
			assertThat(protocol(connector).getMaxKeepAliveRequests()).isEqualTo(-1);
			assertThat(protocol(connector).getMaxHttpRequestHeaderSize()).isEqualTo(64 * 1024);
			assertThat(protocol(connector).getRelaxedQueryChars()).isEqualTo(RELAXED);
			assertThat(protocol(connector).getRelaxedPathChars()).isEqualTo(RELAXED);
			assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("4096");
		});
	}

	@Test
	void keepsTheServerValuesTheApplicationSet() {
		web.withPropertyValues("server.tomcat.max-connections=500", "server.tomcat.accept-count=50",
				"server.tomcat.max-keep-alive-requests=10", "server.max-http-request-header-size=16KB",
				"server.tomcat.relaxed-query-chars=|").run(ctx -> {
					Connector connector = connector(ctx);
					assertThat(protocol(connector).getMaxConnections()).isEqualTo(500);
					assertThat(protocol(connector).getAcceptCount()).isEqualTo(50);
					assertThat(protocol(connector).getMaxKeepAliveRequests()).isEqualTo(10);
					assertThat(protocol(connector).getMaxHttpRequestHeaderSize()).isEqualTo(16 * 1024);
					assertThat(protocol(connector).getRelaxedQueryChars()).isEqualTo("|");
					// What the application did not set is still the gateway's.
					assertThat(protocol(connector).getRelaxedPathChars()).isEqualTo(RELAXED);
				});
	}

	@Test
	void aListPropertySetByElementCountsAsSet() {
		web.withPropertyValues("server.tomcat.relaxed-path-chars[0]=|")
			.run(ctx -> assertThat(protocol(connector(ctx)).getRelaxedPathChars()).isEqualTo("|"));
	}

	@Test
	void findsPropertiesInEveryFormSpringBootBinds() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.tomcat.maxKeepAliveRequests", "10");
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("SERVER_TOMCAT_MAXCONNECTIONS", "10")));
		GatewayTomcatCustomizer customizer = new GatewayTomcatCustomizer(environment, new ResCodec());
		assertThat(customizer.isSet("server.tomcat.max-connections")).isTrue();
		assertThat(customizer.isSet("server.tomcat.max-keep-alive-requests")).isTrue();
		assertThat(customizer.isSet("server.tomcat.accept-count")).isFalse();
	}

	@Test
	void anApplicationCustomizerWins() {
		web.withBean("myCustomizer", WebServerFactoryCustomizer.class,
				() -> (WebServerFactoryCustomizer<TomcatServletWebServerFactory>) f -> f
					.addConnectorCustomizers(c -> ((Http11NioProtocol) c.getProtocolHandler()).setMaxConnections(777)))
			.run(ctx -> assertThat(protocol(connector(ctx)).getMaxConnections()).isEqualTo(777));
	}

	@Test
	void backsOffForAnApplicationBean() {
		web.withBean("myGatewayTomcat", GatewayTomcatCustomizer.class,
				() -> new GatewayTomcatCustomizer(new MockEnvironment(), new ResCodec()) {
					@Override
					public void customize(org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory factory) {
					}
				})
			.run(ctx -> {
				assertThat(ctx).hasSingleBean(GatewayTomcatCustomizer.class).hasBean("myGatewayTomcat");
				assertThat(protocol(connector(ctx)).getMaxConnections()).isEqualTo(8192);
			});
	}

	@Test
	void notWithoutTheGateway() {
		web.withPropertyValues("resgate.gateway.enabled=false").run(ctx -> {
			assertThat(ctx).doesNotHaveBean(GatewayTomcatCustomizer.class);
			assertThat(protocol(connector(ctx)).getMaxConnections()).isEqualTo(8192);
			assertThat(protocol(connector(ctx)).getMaxKeepAliveRequests()).isEqualTo(100);
		});
	}

	@Test
	void notWithoutTomcat() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
					ResgateGatewayAutoConfiguration.class))
			.withPropertyValues("resgate.service.enabled=false")
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GatewayTomcatCustomizer.class));
	}
}
