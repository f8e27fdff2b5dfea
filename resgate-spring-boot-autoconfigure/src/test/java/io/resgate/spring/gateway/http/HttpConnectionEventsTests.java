package io.resgate.spring.gateway.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

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

/**
 * The short-lived connection of an HTTP API request subscribes to its connection events
 * ({@code conn.<cid>.*}) only with header auth, the one way such a request gets a token: otherwise
 * every request would cost a NATS subscribe and unsubscribe for nothing.
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

	@Test
	void withoutHeaderAuthNoConnectionEventsAreSubscribed() {
		RecordingMessaging messaging = new RecordingMessaging();
		try (GatewayService gateway = new GatewayService(messaging, new ResCodec(), GatewaySettings.defaults())) {
			gateway.start();
			ClientConnection conn = gateway.connectHttp(null, false);
			assertThat(messaging.subscribed).noneMatch(s -> s.startsWith("conn."));
			gateway.disconnected(conn);
		}
	}

	@Test
	void withHeaderAuthTheConnectionEventsAreSubscribed() {
		RecordingMessaging messaging = new RecordingMessaging();
		try (GatewayService gateway = new GatewayService(messaging, new ResCodec(), GatewaySettings.defaults())) {
			gateway.start();
			ClientConnection conn = gateway.connectHttp(REQUEST, true);
			assertThat(messaging.subscribed).contains("conn." + conn.cid() + ".*");
			gateway.disconnected(conn);
		}
	}
}
