package io.resgate.spring.gateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.messaging.ConnectionListener;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.MessageHandler;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The short-lived connection of an HTTP API request takes its connection events
 * ({@code conn.<cid>.*}) only with header auth, the one way such a request gets a token; and no
 * request costs a NATS subscribe and unsubscribe (one wildcard subscription serves all connections).
 */
class HttpConnectionEventsTests {

	/** A messaging system that records the subjects subscribed to. */
	static final class RecordingMessaging implements Messaging {

		final Messaging delegate = new LocalMessaging();

		final List<String> subscribed = new CopyOnWriteArrayList<>();

		@Override
		public void publish(String subject, byte[] payload) {
			delegate.publish(subject, payload);
		}

		@Override
		public void publish(String subject, String replyTo, byte[] payload) {
			delegate.publish(subject, replyTo, payload);
		}

		@Override
		public MessageSubscription subscribe(String subject, String queueGroup, MessageHandler handler) {
			subscribed.add(subject);
			return delegate.subscribe(subject, queueGroup, handler);
		}

		@Override
		public CompletableFuture<byte[]> request(String subject, byte[] payload, Duration timeout) {
			return delegate.request(subject, payload, timeout);
		}

		@Override
		public String newInbox() {
			return delegate.newInbox();
		}

		@Override
		public void addConnectionListener(ConnectionListener listener) {
			delegate.addConnectionListener(listener);
		}

		@Override
		public boolean isConnected() {
			return delegate.isConnected();
		}

		@Override
		public long maxPayload() {
			return delegate.maxPayload();
		}

		@Override
		public String describe() {
			return delegate.describe();
		}

		@Override
		public void close() {
			delegate.close();
		}
	}

	private static final HttpRequestInfo REQUEST = new HttpRequestInfo(Map.of(), "localhost", "127.0.0.1:1234",
			"/api/test/model");

	private static final byte[] TOKEN_EVENT = "{\"token\":{\"user\":\"jane\"}}".getBytes(StandardCharsets.UTF_8);

	@Test
	void onlyAnHttpConnectionWithHeaderAuthTakesConnectionEvents() throws Exception {
		RecordingMessaging messaging = new RecordingMessaging();
		try (GatewayService gateway = new GatewayService(messaging, new ResCodec(), GatewaySettings.defaults())) {
			gateway.start();
			ClientConnection plain = gateway.connectHttp(null, false);
			ClientConnection withAuth = gateway.connectHttp(REQUEST, true);
			// one wildcard subscription serves every connection: nothing is subscribed per request
			assertThat(messaging.subscribed).noneMatch(s -> s.startsWith("conn.") && !s.startsWith("conn.*"));
			messaging.publish("conn." + plain.cid() + ".token", TOKEN_EVENT);
			messaging.publish("conn." + withAuth.cid() + ".token", TOKEN_EVENT);
			await().atMost(Duration.ofSeconds(5)).until(() -> withAuth.token() != null);
			// the bus delivers in order, so the first event has been dispatched: let the connection's context run
			CompletableFuture<Object> plainToken = new CompletableFuture<>();
			plain.enqueue(() -> plainToken.complete(plain.token()));
			assertThat(plainToken.get(5, TimeUnit.SECONDS)).isNull();
			assertThat(withAuth.token()).hasToString("{\"user\":\"jane\"}");
			gateway.disconnected(plain);
			gateway.disconnected(withAuth);
		}
	}
}
