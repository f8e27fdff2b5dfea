package io.resgate.spring.gateway.http;

import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestBodiesTests {

	private final ResCodec codec = new ResCodec();

	@ParameterizedTest
	@ValueSource(strings = { "", " ", " \r\n\t" })
	void blankBodyIsNullParams(String body) {
		assertThat(RequestBodies.parseParams(body.getBytes(), codec).isNull()).isTrue();
	}

	@Test
	void jsonBodyIsParams() {
		assertThat(RequestBodies.parseParams(" {\"value\":42}\r\n".getBytes(), codec)).hasToString("{\"value\":42}");
		assertThat(RequestBodies.parseParams("\"zoo\"".getBytes(), codec)).hasToString("\"zoo\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "foo", "{\"a\":1} x", "{]", "[1,]" })
	void nonJsonBodyIsBadRequest(String body) {
		assertThatExceptionOfType(ResException.class)
			.isThrownBy(() -> RequestBodies.parseParams(body.getBytes(), codec))
			.satisfies(ex -> {
				assertThat(ex.getError().code()).isEqualTo("system.badRequest");
				assertThat(ex.getError().message()).startsWith("Error decoding request body: ");
			});
	}
}
