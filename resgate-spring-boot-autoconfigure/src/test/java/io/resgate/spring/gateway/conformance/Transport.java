package io.resgate.spring.gateway.conformance;

/** The messaging system between the gateway and the scripted service. */
enum Transport {
	/** A real nats-server, the scripted service on its own jnats connection. */
	NATS,
	/** The in-process bus, the scripted service on the application's own bus. */
	LOCAL
}
