package io.resgate.spring.service.e2e;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import io.resgate.spring.service.examples.PasswordAuthentication;
import io.resgate.spring.test.NatsServerExtension;

/**
 * Two applications on a real nats-server: a gateway-only web application, and a non-web application
 * serving the annotated services, as in a micro-service deployment.
 */
class ServiceEndToEndNatsTests extends AbstractServiceEndToEndTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static ConfigurableApplicationContext gateway;

	private static ConfigurableApplicationContext services;

	@BeforeAll
	static void start() {
		services = ServicesApp.start(ServicesApp.class, "resgate.nats.url=" + nats.url(),
				"spring.main.web-application-type=none", "resgate.service.queue-group=examples");
		gateway = ServicesApp.start(ServicesApp.GatewayApp.class, "resgate.nats.url=" + nats.url(),
				"resgate.service.enabled=false");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		services.close();
	}

	@Override
	protected URI wsUri() {
		return URI.create("ws://127.0.0.1:" + ServicesApp.port(gateway) + "/");
	}

	@Override
	protected PasswordAuthentication.Ticker ticker() {
		return services.getBean(PasswordAuthentication.Ticker.class);
	}
}
