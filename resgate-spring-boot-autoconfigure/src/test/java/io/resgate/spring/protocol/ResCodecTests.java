package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResCodecTests {

	private final ResCodec codec = new ResCodec();

	private ServiceResponse decode(String s) {
		return codec.decodeResponse(s.getBytes(StandardCharsets.UTF_8));
	}

	private String encode(Object o) {
		return new String(codec.encode(o), StandardCharsets.UTF_8);
	}

	private JsonNode json(String s) {
		return codec.tree(s.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void resultResponse() {
		ServiceResponse r = decode("{\"result\":{\"get\":true,\"call\":\"*\"}}");
		assertThat(r.isError()).isFalse();
		assertThat(r.isResource()).isFalse();
		assertThat(r.result()).isEqualTo(json("{\"get\":true,\"call\":\"*\"}"));
	}

	@Test
	void nullResultIsAResult() {
		ServiceResponse r = decode("{\"result\":null}");
		assertThat(r.result()).isNotNull();
		assertThat(r.result().isNull()).isTrue();
	}

	@Test
	void errorWinsOverResultAndResource() {
		ServiceResponse r = decode(
				"{\"result\":1,\"resource\":{\"rid\":\"a.b\"},\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");
		assertThat(r.isError()).isTrue();
		assertThat(r.error()).isEqualTo(ResError.NOT_FOUND);
	}

	@Test
	void errorWithoutCodeGetsEmptyCode() {
		assertThat(decode("{\"error\":{\"message\":\"Oops\"}}").error()).isEqualTo(new ResError("", "Oops"));
	}

	@Test
	void errorKeepsData() {
		ResError e = decode("{\"error\":{\"code\":\"test.custom\",\"message\":\"Custom\",\"data\":{\"foo\":1}}}").error();
		assertThat(e.code()).isEqualTo("test.custom");
		assertThat(e.data()).isEqualTo(json("{\"foo\":1}"));
	}

	@Test
	void resourceWinsOverResult() {
		ServiceResponse r = decode("{\"result\":1,\"resource\":{\"rid\":\"test.model\"}}");
		assertThat(r.isResource()).isTrue();
		assertThat(r.resource().rid()).isEqualTo("test.model");
	}

	@Test
	void invalidResponses() {
		assertThatThrownBy(() -> decode("not json")).isInstanceOf(ResException.class)
			.extracting(ex -> ((ResException) ex).getError().code())
			.isEqualTo(ResError.CODE_INTERNAL_ERROR);
		assertThatThrownBy(() -> decode("[]")).isInstanceOf(ResException.class);
		assertThatThrownBy(() -> decode("{}")).isInstanceOf(ResException.class);
		assertThatThrownBy(() -> decode("{\"resource\":{\"rid\":\"a..b\"}}")).isInstanceOf(ResException.class);
		assertThatThrownBy(() -> codec.decodeResponse(new byte[0])).isInstanceOf(ResException.class);
	}

	@Test
	void metaObject() {
		ServiceResponse r = decode(
				"{\"result\":null,\"meta\":{\"status\":302,\"header\":{\"Location\":[\"/x\"],\"Set-Cookie\":[\"a=1\",\"b=2\"]}}}");
		assertThat(r.meta().status()).isEqualTo(302);
		assertThat(r.meta().header()).containsEntry("Location", List.of("/x"))
			.containsEntry("Set-Cookie", List.of("a=1", "b=2"));
	}

	private String request(ServiceRequest r) {
		return new String(codec.encodeRequest(r), StandardCharsets.UTF_8);
	}

	@Test
	void encodesServiceRequestsInResgatesMemberOrderWithoutAbsentMembers() {
		assertThat(request(ServiceRequest.get(null))).isEqualTo("{}");
		assertThat(request(ServiceRequest.get("q=1"))).isEqualTo("{\"query\":\"q=1\"}");
		assertThat(request(ServiceRequest.access("c1", null, null, false))).isEqualTo("{\"token\":null,\"cid\":\"c1\"}");
		assertThat(request(ServiceRequest.access("c1", RawJson.of("{\"user\":\"a\"}"), "q=\"1\"", true)))
			.isEqualTo("{\"token\":{\"user\":\"a\"},\"query\":\"q=\\\"1\\\"\",\"cid\":\"c1\",\"isHttp\":true}");
		assertThat(request(ServiceRequest.call("c1", null, "", null, false)))
			.isEqualTo("{\"params\":null,\"token\":null,\"cid\":\"c1\"}");
		assertThat(request(ServiceRequest.call("c1", null, null, RawJson.of("[[[1]]]"), false)))
			.isEqualTo("{\"params\":[[[1]]],\"token\":null,\"cid\":\"c1\"}");
		assertThat(request(ServiceRequest.call("c1", RawJson.NULL, null, null, true)
			.withoutParams()
			.withHttpRequest(Map.of("Cookie", List.of("x=1", "y=\u00e9")), "localhost", "127.0.0.1:1234", "/ws")))
			.isEqualTo("{\"token\":null,\"cid\":\"c1\",\"isHttp\":true,\"header\":{\"Cookie\":[\"x=1\",\"y=\u00e9\"]},"
					+ "\"host\":\"localhost\",\"remoteAddr\":\"127.0.0.1:1234\",\"uri\":\"/ws\"}");
	}

	@Test
	void encodedRequestsAreJson() {
		String text = request(ServiceRequest.call("c\u0001", RawJson.of("\"t\""), "a=\\", RawJson.of("{}"), false));
		assertThat(json(text).get("cid").asString()).isEqualTo("c\u0001");
		assertThat(json(text).get("query").asString()).isEqualTo("a=\\");
	}

	@Test
	void encodesErrorsAndResponses() {
		assertThat(encode(ResError.ACCESS_DENIED)).isEqualTo("{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}");
		assertThat(encode(ServiceResponse.ofResource("a.b"))).isEqualTo("{\"resource\":{\"rid\":\"a.b\"}}");
		assertThat(encode(ServiceResponse.ofResult(json("{\"a\":1}")))).isEqualTo("{\"result\":{\"a\":1}}");
		assertThat(encode(ServiceResponse.ofError(ResError.NOT_FOUND)))
			.isEqualTo("{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");
		assertThat(encode(new Value.Ref("a.b", true))).isEqualTo("{\"rid\":\"a.b\",\"soft\":true}");
		assertThat(encode(Value.DELETE)).isEqualTo("{\"action\":\"delete\"}");
		assertThat(encode(new Value.Data(json("[1]")))).isEqualTo("{\"data\":[1]}");
	}
}
