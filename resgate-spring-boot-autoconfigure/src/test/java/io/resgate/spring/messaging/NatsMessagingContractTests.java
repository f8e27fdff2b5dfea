package io.resgate.spring.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.nats.client.Options;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The messaging contract on a real nats-server, plus connection loss and recovery.
 */
class NatsMessagingContractTests extends MessagingContractTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@Override
	protected Messaging connect() throws Exception {
		return NatsMessaging.connect(new Options.Builder().server(nats.url())
			.reconnectWait(Duration.ofMillis(100))
			.maxReconnects(-1));
	}

	@Test
	void reportsDisconnectAndReconnect() throws Exception {
		List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
		gateway.addConnectionListener(events::add);
		nats.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> events.contains(ConnectionEvent.DISCONNECTED));
		assertThat(gateway.isConnected()).isFalse();
		nats.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> events.contains(ConnectionEvent.RECONNECTED));
		assertThat(gateway.isConnected()).isTrue();
		// subscriptions survive the reconnect
		service.subscribe("get.after.reconnect", m -> service.publish(m.replyTo(), "{\"result\":1}".getBytes()));
		await().atMost(Duration.ofSeconds(10)).until(service::isConnected);
		flush();
		byte[] r = gateway.request("get.after.reconnect", new byte[0], Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
		assertThat(new String(r, StandardCharsets.UTF_8)).isEqualTo("{\"result\":1}");
	}
}
