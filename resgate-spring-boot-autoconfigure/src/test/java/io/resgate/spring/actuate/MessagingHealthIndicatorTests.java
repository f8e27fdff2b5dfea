package io.resgate.spring.actuate;

import io.resgate.spring.messaging.LocalMessaging;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingHealthIndicatorTests {

	@Test
	void credentialsInServerUrlsAreLeftOut() {
		assertThat(MessagingHealthIndicator.withoutCredentials("NATS nats://alice:s3cret@10.0.0.5:4222"))
			.isEqualTo("NATS nats://10.0.0.5:4222");
		assertThat(MessagingHealthIndicator.withoutCredentials("NATS tls://token@nats.example.com:4222"))
			.isEqualTo("NATS tls://nats.example.com:4222");
		assertThat(MessagingHealthIndicator.withoutCredentials("NATS nats://127.0.0.1:4222"))
			.isEqualTo("NATS nats://127.0.0.1:4222");
	}

	@Test
	void inProcessBusIsUpUntilClosed() {
		LocalMessaging bus = new LocalMessaging();
		MessagingHealthIndicator indicator = new MessagingHealthIndicator(bus);
		Health up = indicator.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("transport", "in-process bus");
		bus.close();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}
}
