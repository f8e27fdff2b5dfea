package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Base of the conformance scenario classes: gives access to scenarios on the shared gateways. */
abstract class ConformanceTest {

	@RegisterExtension
	final ConformanceExtension conformance = new ConformanceExtension();

	/** Opens a scenario on the standard gateway. */
	Scenario scenario(Transport transport) {
		return conformance.open(transport);
	}

	/** Opens a scenario on the gateway of a profile. */
	Scenario scenario(Transport transport, GatewayProfile profile) {
		return conformance.open(transport, profile);
	}
}
