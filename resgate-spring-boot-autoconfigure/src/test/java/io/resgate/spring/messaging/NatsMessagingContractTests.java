package io.resgate.spring.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.ConnectionListener.Events;
import io.nats.client.Options;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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
	@ExtendWith(OutputCaptureExtension.class)
	void failedReconnectAttemptsAreNotToldAgain(CapturedOutput output) throws Exception {
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
		// one log line per change, per connection (gateway and service here), not one per attempt
		String log = output.getOut() + output.getErr();
		assertThat(log.split("NATS connection to " + nats.url() + " lost", -1)).hasSize(3);
		assertThat(log.split("NATS connection re-established to " + nats.url(), -1)).hasSize(3);
	}
}
