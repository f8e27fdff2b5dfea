package io.resgate.spring.actuate;

import java.util.regex.Pattern;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.resgate.spring.messaging.Messaging;

/**
 * Health of the messaging connection: UP while connected, DOWN while the connection is lost or closed.
 * Details: {@code transport}, the description of the messaging system, without any credentials.
 */
public class MessagingHealthIndicator extends AbstractHealthIndicator {

	private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");

	private final Messaging messaging;

	/**
	 * Creates the indicator.
	 * @param messaging the messaging system
	 */
	public MessagingHealthIndicator(Messaging messaging) {
		super("Messaging health check failed");
		this.messaging = messaging;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (messaging.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("transport", transport(messaging));
	}

	static String transport(Messaging messaging) {
		return withoutCredentials(String.valueOf(messaging.describe()));
	}

	static String withoutCredentials(String description) {
		return USER_INFO.matcher(description).replaceAll("//");
	}
}
