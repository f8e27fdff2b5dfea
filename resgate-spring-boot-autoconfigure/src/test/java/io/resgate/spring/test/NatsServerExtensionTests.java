package io.resgate.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test cluster: routes join the nodes, a killed node's clients move to another node, and a
 * restarted node joins the cluster again.
 */
class NatsServerExtensionTests {

	@RegisterExtension
	static NatsServerExtension cluster = NatsServerExtension.cluster(3);

	@Test
	void nodesAreRoutedAndSurviveAKillAndRestart() throws Exception {
		NatsServerExtension.Node first = cluster.node(0);
		NatsServerExtension.Node last = cluster.node(2);
		try (Connection sub = Nats.connect(new Options.Builder().server(last.url()).server(cluster.node(1).url())
			.noRandomize().reconnectWait(Duration.ofMillis(50)).build());
				Connection pub = Nats.connect(first.url())) {
			assertThat(cluster.nodeOf(sub.getConnectedUrl())).isSameAs(last);
			assertThat(roundTrip(sub, pub, "routed")).isEqualTo("routed");

			last.kill();
			assertThat(last.isRunning()).isFalse();
			assertThat(cluster.isRunning()).isFalse();
			await().atMost(Duration.ofSeconds(10)).until(() -> sub.getStatus() == Connection.Status.CONNECTED
					&& cluster.nodeOf(sub.getConnectedUrl()) != last);
			assertThat(roundTrip(sub, pub, "after kill")).isEqualTo("after kill");

			last.start();
			assertThat(cluster.isRunning()).isTrue();
			try (Connection again = Nats.connect(last.url())) {
				assertThat(roundTrip(again, pub, "after restart")).isEqualTo("after restart");
			}
		}
	}

	private static String roundTrip(Connection subscriber, Connection publisher, String text) throws Exception {
		Subscription s = subscriber.subscribe("test.cluster");
		try {
			subscriber.flush(Duration.ofSeconds(5));
			// interest crosses the route asynchronously: publish until one arrives
			Message[] got = new Message[1];
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				publisher.publish("test.cluster", text.getBytes(StandardCharsets.UTF_8));
				got[0] = s.nextMessage(Duration.ofMillis(100));
				return got[0] != null;
			});
			return new String(got[0].getData(), StandardCharsets.UTF_8);
		}
		finally {
			s.unsubscribe();
		}
	}
}
