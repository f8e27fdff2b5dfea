package io.resgate.spring.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.TokenReset;
import jakarta.servlet.http.HttpSessionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ResTokens} publishes {@code system.tokenReset} as the RES service protocol defines it (decoded here
 * by the gateway's own decoder), and {@link SessionTokenReset} publishes one for an ended session and for a
 * session's old ID.
 */
class ResTokensTests {

	private final LocalMessaging messaging = new LocalMessaging();

	private final ResCodec codec = new ResCodec();

	private final BlockingQueue<byte[]> published = new LinkedBlockingQueue<>();

	private final ResTokens tokens = new ResTokens(messaging, codec, "auth.users.renew");

	ResTokensTests() {
		messaging.subscribe("system.tokenReset", m -> published.add(m.data()));
	}

	@AfterEach
	void close() {
		messaging.close();
	}

	@Test
	void resetPublishesTheTokenIdsAndTheSubject() throws Exception {
		tokens.reset("a", "b", "a");
		TokenReset reset = next();
		assertThat(reset.tids()).containsExactlyInAnyOrder("a", "b");
		assertThat(reset.subject()).isEqualTo("auth.users.renew");
	}

	@Test
	void nullAndEmptyTokenIdsAreSkippedAndNothingIsPublishedForNone() throws Exception {
		tokens.reset(Arrays.asList(null, "", "x"));
		assertThat(next().tids()).containsExactly("x");
		tokens.reset();
		tokens.reset((String) null);
		tokens.reset(List.of(""));
		assertThat(published.poll(200, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void anInvalidSubjectIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ResTokens(messaging, codec, "auth..x"));
		assertThatIllegalArgumentException().isThrownBy(() -> new ResTokens(messaging, codec, null));
	}

	@Test
	void anEndedSessionAndASessionsOldIdAreReset() throws Exception {
		SessionTokenReset listener = new SessionTokenReset(tokens);
		MockHttpSession session = new MockHttpSession(null, "s-1");
		listener.sessionDestroyed(new HttpSessionEvent(session));
		assertThat(next().tids()).containsExactly("s-1");
		listener.sessionIdChanged(new HttpSessionEvent(new MockHttpSession(null, "s-3")), "s-2");
		assertThat(next().tids()).containsExactly("s-2");
	}

	private TokenReset next() throws InterruptedException {
		byte[] data = published.poll(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
		assertThat(data).as("a system.tokenReset").isNotNull();
		assertThat(new String(data, StandardCharsets.UTF_8)).startsWith("{");
		return codec.decodeTokenReset(data);
	}
}
