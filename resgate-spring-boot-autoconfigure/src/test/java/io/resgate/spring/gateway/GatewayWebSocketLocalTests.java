package io.resgate.spring.gateway;

import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The end-to-end gateway tests on the in-process bus, with the service on the same bus.
 */
class GatewayWebSocketLocalTests extends GatewayWebSocketTests {

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Override
	protected GatewayTestApp.Running app() {
		return app;
	}

	@Override
	protected Messaging serviceMessaging() {
		return app.messaging();
	}
}
