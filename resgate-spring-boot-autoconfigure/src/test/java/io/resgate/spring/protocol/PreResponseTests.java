package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PreResponseTests {

	private static byte[] b(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void encodesTimeout() {
		assertThat(new String(PreResponse.encode(Duration.ofSeconds(15)), StandardCharsets.UTF_8))
			.isEqualTo("timeout:\"15000\"");
	}

	@Test
	void readsTimeout() {
		assertThat(PreResponse.timeout(b("timeout:\"15000\""))).contains(Duration.ofMillis(15000));
		assertThat(PreResponse.timeout(b("foo:\"bar\" timeout:\"20\""))).contains(Duration.ofMillis(20));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"result\":null}", " {\"result\":1}", "timeout:\"abc\"", "timeout:15000", "nothing" })
	void noTimeoutInOtherPayloads(String s) {
		assertThat(PreResponse.timeout(b(s))).isEmpty();
	}

	@Test
	void jsonIsNoPreResponse() {
		assertThat(PreResponse.isPreResponse(b("{\"result\":null}"))).isFalse();
		assertThat(PreResponse.isPreResponse(b("timeout:\"1\""))).isTrue();
		assertThat(PreResponse.isPreResponse(new byte[0])).isFalse();
		// like Resgate: only a leading letter makes a pre-response; other garbage is a (broken) response
		assertThat(PreResponse.isPreResponse(b("42"))).isFalse();
		assertThat(PreResponse.isPreResponse(b("[]"))).isFalse();
		assertThat(PreResponse.isPreResponse(b("\u0000garbage"))).isFalse();
		assertThat(PreResponse.isPreResponse(b("Timeout:\"1\""))).isTrue();
	}
}
