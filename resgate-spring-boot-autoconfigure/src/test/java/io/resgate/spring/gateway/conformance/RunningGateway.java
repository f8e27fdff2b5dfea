package io.resgate.spring.gateway.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.resgate.spring.messaging.Messaging;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway under test: the auto-configured Spring Boot application on a random port, bridged
 * either to a real nats-server or to its in-process bus.
 */
final class RunningGateway implements AutoCloseable {

	private final Transport transport;

	private final String natsUrl;

	private final ConfigurableApplicationContext context;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	RunningGateway(Transport transport, GatewayProfile profile, String natsUrl) {
		this(transport, profile, natsUrl, new Class<?>[0]);
	}

	/**
	 * Starts the gateway with more configuration, such as a tracer.
	 * @param transport the transport to the services
	 * @param profile the gateway's properties
	 * @param natsUrl the NATS server, for {@link Transport#NATS}
	 * @param sources more configuration classes
	 */
	RunningGateway(Transport transport, GatewayProfile profile, String natsUrl, Class<?>... sources) {
		this.transport = transport;
		this.natsUrl = natsUrl;
		Map<String, Object> props = new HashMap<>();
		props.put("server.port", "0");
		props.put("server.address", "127.0.0.1");
		props.put("spring.main.banner-mode", "off");
		props.put("spring.application.name", "conformance-" + profile.name() + "-" + transport.name().toLowerCase());
		props.put("resgate.request-timeout", GatewayProfile.REQUEST_TIMEOUT);
		props.put("resgate.service.enabled", "false");
		if (transport == Transport.NATS) {
			props.put("resgate.nats.url", natsUrl);
		}
		props.putAll(profile.properties());
		this.context = new SpringApplicationBuilder(App.class)
			.sources(sources)
			.web(WebApplicationType.SERVLET)
			.properties(props)
			.run();
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * The application: nothing but auto-configuration. Deliberately not a
	 * {@code @SpringBootConfiguration}, so that other tests' configuration search never finds it.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

	Transport transport() {
		return transport;
	}

	int port() {
		return port;
	}

	URI wsUri() {
		String path = context.getEnvironment().getProperty("resgate.ws-path", "/");
		return URI.create("ws://127.0.0.1:" + port + path);
	}

	HttpClient http() {
		return http;
	}

	/** Opens a messaging connection for a scripted service. */
	ServiceBus newServiceBus() {
		return (transport == Transport.NATS) ? new JnatsServiceBus(natsUrl)
				: new InProcessServiceBus(context.getBean(Messaging.class));
	}

	ConfigurableApplicationContext context() {
		return context;
	}

	@Override
	public void close() {
		context.close();

	}
}
