package io.resgate.spring.gateway.auth;

import io.nats.client.Options;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link GatewayJwtTests} with the gateway alone on a real nats-server and the service on its
 * own NATS connection: the token reaches it as plain JSON.
 */
class GatewayJwtNatsTests extends GatewayJwtTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private NatsMessaging serviceConnection;

	@Override
	String[] properties() {
		return new String[] { "resgate.nats.url=" + nats.url() };
	}

	@Override
	Messaging serviceMessaging(ConfigurableApplicationContext app) {
		try {
			serviceConnection = NatsMessaging.connect(new Options.Builder().server(nats.url()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return serviceConnection;
	}

	@AfterEach
	void closeServiceConnection() {
		if (serviceConnection != null) {
			serviceConnection.close();
		}
	}
}
