package io.resgate.spring.service.e2e;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.context.ConfigurableApplicationContext;

import io.resgate.spring.service.examples.PasswordAuthentication;

/**
 * One application on the in-process bus: the gateway and the annotated services together.
 */
class ServiceEndToEndLocalTests extends AbstractServiceEndToEndTests {

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = ServicesApp.start(ServicesApp.class);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Override
	protected URI wsUri() {
		return URI.create("ws://127.0.0.1:" + ServicesApp.port(app) + "/");
	}

	@Override
	protected PasswordAuthentication.Ticker ticker() {
		return app.getBean(PasswordAuthentication.Ticker.class);
	}
}
