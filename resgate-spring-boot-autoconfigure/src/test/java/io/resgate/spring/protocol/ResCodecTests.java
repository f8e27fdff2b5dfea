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

	private CallResponse decode(String s) {
		return codec.decodeCallResponse(s.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private String encode(Object o) {
		return new String(codec.encode(o), StandardCharsets.UTF_8);
	}

	private JsonNode json(String s) {
		return codec.tree(s.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void resultResponseKeepsTheResultAsSent() {
		CallResponse r = decode("{\"result\":{\"get\":true, \"call\":\"*\"}}");
		assertThat(r.isError()).isFalse();
		assertThat(r.rid()).isNull();
		assertThat(r.result()).hasToString("{\"get\":true, \"call\":\"*\"}");
	}

	@Test
	void nullResultIsAResult() {
		CallResponse r = decode("{\"result\":null}");
		assertThat(r.result()).isNotNull();
		assertThat(r.result().isNull()).isTrue();
	}

	@Test
	void errorWinsOverResultAndResource() {
		CallResponse r = decode(
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
		CallResponse r = decode("{\"result\":1,\"resource\":{\"rid\":\"test.model\"}}");
		assertThat(r.isError()).isFalse();
		assertThat(r.rid()).isEqualTo("test.model");
	}

	@Test
	void invalidResponsesAreInternalErrors() {
		for (String s : new String[] { "not json", "[]", "{}", "{\"resource\":{\"rid\":\"a..b\"}}", "",
				"{\"result\":1} x", "{\"error\":{\"code\":1}}", "{\"result\":1,\"meta\":{\"status\":\"x\"}}" }) {
			assertThat(decode(s).error()).as(s).extracting(ResError::code).isEqualTo(ResError.CODE_INTERNAL_ERROR);
		}
	}

	@Test
	void deepResultsAreKept() {
		String deep = "[".repeat(5000) + "]".repeat(5000);
		assertThat(decode("{\"result\":" + deep + "}").result()).hasToString(deep);
	}

	@Test
	void accessResponses() {
		AccessResponse a = codec.decodeAccessResponse(bytes("{\"result\":{\"get\":true,\"call\":\"set,inc\"}}"));
		assertThat(a.canGet()).isNull();
		assertThat(a.canCall("inc")).isNull();
		assertThat(a.canCall("in")).isEqualTo(ResError.ACCESS_DENIED);
		assertThat(a.canCall("set,inc")).isEqualTo(ResError.ACCESS_DENIED);
		assertThat(codec.decodeAccessResponse(bytes("{\"result\":{\"call\":\"*\"}}")).canCall("any")).isNull();
		assertThat(codec.decodeAccessResponse(bytes("{\"result\":{}}")).canGet()).isEqualTo(ResError.ACCESS_DENIED);
		AccessResponse denied = codec.decodeAccessResponse(bytes("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}"));
		assertThat(denied.canGet()).isEqualTo(ResError.ACCESS_DENIED);
		assertThat(denied.isCacheable()).isTrue();
		AccessResponse bad = codec.decodeAccessResponse(bytes("{\"result\":{\"get\":\"yes\"}}"));
		assertThat(bad.error().code()).isEqualTo(ResError.CODE_INTERNAL_ERROR);
		assertThat(bad.isCacheable()).isFalse();
		assertThat(codec.decodeAccessResponse(bytes("{\"result\":null}")).error().message()).contains("missing result");
		AccessResponse withMeta = codec.decodeAccessResponse(bytes("{\"result\":{\"get\":true},\"meta\":{\"status\":302}}"));
		assertThat(withMeta.meta().status()).isEqualTo(302);
		assertThat(withMeta.withoutMeta().meta()).isNull();
	}

	/** Access responses are read in one pass; what wins when several things are wrong stays as it was. */
	@Test
	void accessResponseProblemsInOrder() {
		String[][] cases = {
			// payload, expected get, call, error message (null: no error), meta status (null: no meta)
			{ "{\"result\":{\"get\":\"yes\"},\"x\":[}", "false", null, "invalid JSON: Unexpected close marker", null },
			{ "{\"result\":{\"get\":\"yes\"}}{}", "false", null, "invalid JSON: trailing content", null },
			{ "{\"result\":{\"get\":\"yes\"},\"result\":{\"get\":true}}", "true", null, null, null },
			{ "{\"result\":{\"get\":true},\"result\":{\"call\":1}}", "false", null, "invalid call list", null },
			{ "{\"result\":{\"get\":true},\"result\":null}", "false", null, "response missing result", null },
			{ "{\"result\":{\"get\":true},\"result\":5}", "false", null, "invalid access result", null },
			{ "{\"result\":[1,{\"a\":2}]}", "false", null, "invalid access result", null },
			{ "{}", "false", null, "response missing result", null },
			{ "[]", "false", null, "invalid service response", null },
			{ "{\"result\":{\"get\":1,\"call\":2}}", "false", null, "invalid get flag", null },
			{ "{\"result\":{\"call\":2,\"get\":1}}", "false", null, "invalid call list", null },
			{ "{\"result\":{\"get\":\"bad\",\"get\":true}}", "false", null, "invalid get flag", null },
			{ "{\"result\":{\"get\":true,\"get\":false,\"call\":\"a\",\"call\":\"b\"}}", "false", "b", null, null },
			{ "{\"result\":{\"get\":null,\"call\":\"*\",\"x\":{\"y\":[1,2,{}]}}}", "false", "*", null, null },
			{ "{\"result\":{\"get\":\"bad\"},\"meta\":{\"status\":\"x\"}}", "false", null, "invalid meta status", null },
			{ "{\"meta\":{\"status\":302},\"result\":{\"get\":\"bad\"}}", "false", null, "invalid get flag", "302" },
			{ "{\"error\":{\"code\":1},\"result\":{\"get\":true}}", "false", null, "invalid error code", null },
			{ "{\"error\":null,\"result\":{\"get\":true,\"call\":\"\\u0041\"}}", "true", "A", null, null },
			{ "{\"result\":{\"get\":true,\"call\":\"\\q\"}}", "false", null, "invalid JSON: Unrecognized character escape", null },
			{ "{\"result\":{\"get\":\"bad\",\"x\":\"\\q\"}}", "false", null, "invalid JSON: Unrecognized character escape", null },
		};
		for (String[] c : cases) {
			AccessResponse a = codec.decodeAccessResponse(bytes(c[0]));
			assertThat(a.get()).as(c[0]).isEqualTo(Boolean.parseBoolean(c[1]));
			assertThat(a.call()).as(c[0]).isEqualTo(c[2]);
			if (c[3] == null) {
				assertThat(a.error()).as(c[0]).isNull();
			}
			else {
				assertThat(a.error().code()).as(c[0]).isEqualTo(ResError.CODE_INTERNAL_ERROR);
				assertThat(a.error().message()).as(c[0]).startsWith("Internal error: " + c[3]);
			}
			assertThat((a.meta() == null) ? null : String.valueOf(a.meta().status())).as(c[0]).isEqualTo(c[4]);
		}
	}

	@Test
	void getResponses() {
		GetResponse m = codec.decodeGetResponse(bytes("{\"result\":{\"model\":{\"a\":1},\"query\":\"q=1\"}}"));
		assertThat(m.model()).isEqualTo(json("{\"a\":1}"));
		assertThat(m.collection()).isNull();
		assertThat(m.query()).isEqualTo("q=1");
		assertThat(codec.decodeGetResponse(bytes("{\"result\":{\"collection\":[1]}}")).query()).isEmpty();
		assertThatThrownBy(() -> codec.decodeGetResponse(bytes("{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}")))
			.isInstanceOfSatisfying(ResException.class, ex -> assertThat(ex.getError()).isEqualTo(ResError.NOT_FOUND));
		for (String s : new String[] { "{\"result\":{}}", "{\"result\":{\"model\":{},\"collection\":[]}}", "{\"result\":[]}",
				"{}", "{\"result\":{\"model\":{},\"query\":1}}" }) {
			assertThatThrownBy(() -> codec.decodeGetResponse(bytes(s))).as(s)
				.isInstanceOfSatisfying(ResException.class, ex -> assertThat(ex.getError().code()).isEqualTo(ResError.CODE_INTERNAL_ERROR));
		}
	}

	@Test
	void queryResponses() {
		QueryResponse q = codec.decodeQueryResponse(bytes("{\"result\":{\"events\":[{\"event\":\"add\",\"data\":{\"idx\":0,\"value\":1}},{\"event\":\"x\"}]}}"));
		assertThat(q.events()).hasSize(2);
		assertThat(q.events().get(0).event()).isEqualTo("add");
		assertThat(q.events().get(1).data()).isNull();
		assertThat(codec.decodeQueryResponse(bytes("{\"result\":{\"model\":{\"a\":1}}}")).model()).isEqualTo(json("{\"a\":1}"));
		assertThatThrownBy(() -> codec.decodeQueryResponse(bytes("{\"result\":{\"events\":[],\"model\":{}}}")))
			.isInstanceOf(ResException.class);
	}

	@Test
	void systemEvents() {
		SystemReset reset = codec.decodeSystemReset(bytes("{\"resources\":[\"a.>\",\"bad..pattern\"],\"access\":[\"b.*\"]}"));
		assertThat(reset.resources()).hasSize(1);
		assertThat(reset.resources().get(0).matches("a.b.c")).isTrue();
		assertThat(reset.access().get(0).matches("b.c")).isTrue();
		assertThat(codec.decodeSystemReset(new byte[0]).resources()).isEmpty();
		assertThatThrownBy(() -> codec.decodeSystemReset(bytes("{\"resources\":\"a.>\"}"))).isInstanceOf(ResException.class);
		TokenReset tr = codec.decodeTokenReset(bytes("{\"tids\":[\"t1\",\"t2\"],\"subject\":\"auth.x.y\"}"));
		assertThat(tr.tids()).containsExactlyInAnyOrder("t1", "t2");
		assertThat(tr.subject()).isEqualTo("auth.x.y");
		assertThatThrownBy(() -> codec.decodeTokenReset(bytes("{\"tids\":[1]}"))).isInstanceOf(ResException.class);
		assertThat(codec.decodeQueryEvent(bytes("{\"subject\":\"_q.1\"}"))).isEqualTo("_q.1");
	}

	@Test
	void tokenEventsTellAbsentFromNull() {
		TokenEvent t = codec.decodeTokenEvent(bytes("{\"token\":{\"user\":\"a\"},\"tid\":\"t1\"}"));
		assertThat(t.token()).hasToString("{\"user\":\"a\"}");
		assertThat(t.tid()).isEqualTo("t1");
		assertThat(codec.decodeTokenEvent(bytes("{\"token\":null}")).token()).isEqualTo(RawJson.NULL);
		assertThat(codec.decodeTokenEvent(bytes("{}")).token()).isNull();
		assertThat(codec.decodeTokenEvent(bytes("null")).token()).isNull();
		assertThatThrownBy(() -> codec.decodeTokenEvent(bytes("{\"tid\":1}"))).isInstanceOf(ResException.class);
	}

	@Test
	void metaObject() {
		CallResponse r = decode(
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
		assertThat(response(ServiceResponse.ofResource("a.b"))).isEqualTo("{\"resource\":{\"rid\":\"a.b\"}}");
		assertThat(response(ServiceResponse.ofResult(json("{\"a\":1}")))).isEqualTo("{\"result\":{\"a\":1}}");
		assertThat(response(ServiceResponse.ofResult(null))).isEqualTo("{\"result\":null}");
		assertThat(response(ServiceResponse.ofError(ResError.NOT_FOUND)))
			.isEqualTo("{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");
		assertThat(response(new ServiceResponse(null, null, ResError.ACCESS_DENIED, new Meta(401, Map.of("X-A", List.of("1"))))))
			.isEqualTo("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"},"
					+ "\"meta\":{\"status\":401,\"header\":{\"X-A\":[\"1\"]}}}");
		assertThat(encode(new Value.Ref("a.b", true))).isEqualTo("{\"rid\":\"a.b\",\"soft\":true}");
		assertThat(encode(Value.DELETE)).isEqualTo("{\"action\":\"delete\"}");
		assertThat(encode(new Value.Data(json("[1]")))).isEqualTo("{\"data\":[1]}");
	}

	@Test
	void canonicalHeaderKeys() {
		assertThat(Meta.canonicalKey("content-type")).isEqualTo("Content-Type");
		assertThat(Meta.canonicalKey("X-FOO-bar")).isEqualTo("X-Foo-Bar");
		assertThat(Meta.canonicalKey("bad key")).isEqualTo("bad key");
		assertThat(Meta.canonicalKey("a(b")).isEqualTo("a(b");
	}

	private String response(ServiceResponse r) {
		return new String(codec.encodeResponse(r), StandardCharsets.UTF_8);
	}
}
