package io.resgate.spring.gateway;

import io.nats.client.Options;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end-to-end gateway tests on a real nats-server, with the service on its own NATS connection.
 */
class GatewayWebSocketNatsTests extends GatewayWebSocketTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static GatewayTestApp.Running app;

	private static NatsMessaging serviceConnection;

	@BeforeAll
	static void start() throws Exception {
		app = GatewayTestApp.start("resgate.nats.url=" + nats.url());
		serviceConnection = NatsMessaging.connect(new Options.Builder().server(nats.url()));
	}

	@AfterAll
	static void stop() {
		serviceConnection.close();
		app.close();
	}

	@Override
	protected GatewayTestApp.Running app() {
		return app;
	}

	@Override
	protected Messaging serviceMessaging() {
		return serviceConnection;
	}
}
