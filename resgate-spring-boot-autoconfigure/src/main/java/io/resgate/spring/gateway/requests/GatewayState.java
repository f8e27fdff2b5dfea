package io.resgate.spring.gateway.requests;

/**
 * What the gateway can do for its clients, following its messaging connection.
 */
public enum GatewayState {

	/** Connected: requests are served. */
	CONNECTED,

	/**
	 * The messaging connection is lost, for less than the outage grace period: clients stay
	 * connected and keep their subscriptions, requests needing a service are answered at once with
	 * {@code system.serviceUnavailable}.
	 */
	RECONNECTING,

	/**
	 * The messaging connection is lost for longer than the outage grace period: the clients were
	 * closed and the gateway refuses traffic until the connection is back.
	 */
	DOWN,

	/** Stopped, or the messaging connection closed for good. */
	STOPPED
}
