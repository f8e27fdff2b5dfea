package io.resgate.spring.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.ConnectionListener.Events;
import io.nats.client.Options;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The messaging contract on a real nats-server, plus what jnats does on its own while the server
 * is away (reconnect attempts).
 */
class NatsMessagingContractTests extends MessagingContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@Override
	protected Messaging connect() throws Exception {
		return NatsMessaging.connect(new Options.Builder().server(nats.url())
			.reconnectWait(Duration.ofMillis(100))
			.maxReconnects(-1));
	}

	@Override
	protected void loseConnection() {
		nats.stop();
		await().atMost(WAIT).until(() -> !gateway.isConnected() && !service.isConnected());
	}

	@Override
	protected void restoreConnection() throws Exception {
		nats.start();
		await().atMost(WAIT).until(() -> gateway.isConnected() && service.isConnected());
	}

	@Test
	void failedReconnectAttemptsAreNotToldAgain() throws Exception {
		List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
		gateway.addConnectionListener(events::add);
		AtomicInteger attempts = new AtomicInteger();
		((NatsMessaging) gateway).connection().addConnectionListener((conn, type) -> {
			if (type == Events.DISCONNECTED) {
				attempts.incrementAndGet();
			}
		});
		loseConnection();
		try {
			// jnats reports each failed attempt as another disconnect
			await().atMost(WAIT).until(() -> attempts.get() >= 4);
			assertThat(events).containsExactly(ConnectionEvent.DISCONNECTED);
			assertThat(gateway.describe()).isEqualTo("NATS " + nats.url() + " (disconnected, reconnecting)");
		}
		finally {
			restoreConnection();
		}
		assertThat(events).containsExactly(ConnectionEvent.DISCONNECTED, ConnectionEvent.RECONNECTED);
		assertThat(gateway.describe()).isEqualTo("NATS " + nats.url());
	}
}
