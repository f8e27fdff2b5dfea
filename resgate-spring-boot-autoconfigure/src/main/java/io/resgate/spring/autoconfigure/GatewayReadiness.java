package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewayState;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Follows the gateway's state with Spring Boot's readiness: {@link ReadinessState#REFUSING_TRAFFIC}
 * once the gateway is {@link GatewayState#DOWN} (NATS lost for longer than the outage grace period,
 * clients closed) or its messaging closed for good, and {@link ReadinessState#ACCEPTING_TRAFFIC}
 * again when NATS is back. Load balancers and Kubernetes probes watching readiness
 * ({@code /actuator/health/readiness}) then send new clients elsewhere meanwhile. A short outage,
 * within the grace period, leaves readiness alone.
 */
public class GatewayReadiness {

	private final Object source = this;

	private final ApplicationEventPublisher publisher;

	private boolean refusing;

	/**
	 * Starts following the gateway.
	 * @param gateway the gateway core
	 * @param publisher where the {@link AvailabilityChangeEvent}s go
	 */
	public GatewayReadiness(GatewayService gateway, ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		gateway.addStateListener(this::onState);
	}

	private synchronized void onState(GatewayState state) {
		switch (state) {
			case DOWN, STOPPED -> {
				if (!refusing) {
					refusing = true;
					AvailabilityChangeEvent.publish(publisher, source, ReadinessState.REFUSING_TRAFFIC);
				}
			}
			case CONNECTED -> {
				if (refusing) {
					refusing = false;
					AvailabilityChangeEvent.publish(publisher, source, ReadinessState.ACCEPTING_TRAFFIC);
				}
			}
			default -> {
			}
		}
	}
}
