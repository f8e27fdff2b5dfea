package io.resgate.spring.gateway.conformance;

import java.util.Map;

/**
 * A gateway configuration some scenarios need. Each profile and transport gets one running
 * application, shared by all scenarios of the test run.
 *
 * @param name the profile's name
 * @param properties extra {@code resgate.*} properties
 */
record GatewayProfile(String name, Map<String, String> properties) {

	/** Request timeout of the standard profile: short enough for timeout scenarios, long enough for a busy machine. */
	static final String REQUEST_TIMEOUT = "2500ms";

	/** The standard gateway configuration. */
	static final GatewayProfile STANDARD = new GatewayProfile("standard", Map.of());

	/** WebSocket header authentication on {@code auth.test.header.method}-like subject {@code auth.wsauth.header}. */
	static final GatewayProfile WS_HEADER_AUTH = new GatewayProfile("ws-header-auth",
			Map.of("resgate.ws-header-auth", "wsauth.header"));

	/** At most 3 get requests at once for the references of a subscription, and at most 3 requests at once after a reset. */
	static final GatewayProfile THROTTLED = new GatewayProfile("throttled",
			Map.of("resgate.reference-throttle", "3", "resgate.reset-throttle", "3"));

	/** WebSocket per-message compression allowed. */
	static final GatewayProfile COMPRESSION = new GatewayProfile("compression", Map.of("resgate.ws-compression", "true"));

	/** Only {@code http://localhost} and {@code https://resgate.io} may connect. */
	static final GatewayProfile RESTRICTED_ORIGIN = new GatewayProfile("restricted-origin",
			Map.of("resgate.allow-origin", "http://localhost,https://resgate.io"));
}
