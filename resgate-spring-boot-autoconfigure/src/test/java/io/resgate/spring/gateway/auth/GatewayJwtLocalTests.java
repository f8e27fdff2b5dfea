package io.resgate.spring.gateway.auth;

import io.resgate.spring.messaging.Messaging;
import org.springframework.context.ConfigurableApplicationContext;

/** {@link GatewayJwtTests} with gateway and service on the in-process bus. */
class GatewayJwtLocalTests extends GatewayJwtTests {

	@Override
	String[] properties() {
		return new String[0];
	}

	@Override
	Messaging serviceMessaging(ConfigurableApplicationContext app) {
		return app.getBean(Messaging.class);
	}
}
