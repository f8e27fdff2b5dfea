package io.resgate.spring.gateway.requests;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientRequestParserTests {

	private final ClientRequestParser parser = new ClientRequestParser();

	private ClientRequest parse(String frame) throws ClientRequestParser.TooDeepException {
		return parser.parse(frame.getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":[1,{\"b\":null}]}", "[]", "\"t\\\"e\\u00e9x\u00e9t\"", "42", "-1.5e3", "true", "false",
			"{}" })
	void paramsAreKeptAsSent(String params) throws Exception {
		ClientRequest r = parse("{\"id\":7,\"method\":\"call.a.b\",\"params\":" + params + ",\"x\":[1]}");
		assertThat(r.id()).isEqualTo("7");
		assertThat(r.method()).isEqualTo("call.a.b");
		assertThat(r.params()).hasToString(params);
	}

	@Test
	void paramsAtTheEndAndWithSpaces() throws Exception {
		assertThat(parse("{ \"params\" : [ 1 , 2 ] , \"method\":\"m\", \"id\" : 1 }").params()).hasToString("[ 1 , 2 ]");
		assertThat(parse("{\"id\":1,\"method\":\"m\",\"params\":12}").params()).hasToString("12");
		assertThat(parse("{\"id\":1,\"method\":\"m\",\"params\":\"s\"}").params()).hasToString("\"s\"");
	}

	@Test
	void nullOrAbsentParamsAreNone() throws Exception {
		assertThat(parse("{\"id\":1,\"method\":\"m\",\"params\":null}").params()).isNull();
		assertThat(parse("{\"id\":1,\"method\":\"m\"}").params()).isNull();
		assertThat(parse("{\"id\":1}").method()).isEmpty();
		assertThat(parse("{\"id\":1,\"method\":null}").method()).isEmpty();
	}

	@Test
	void deepParamsArePassedOn() throws Exception {
		String deep = "[".repeat(5000) + "]".repeat(5000);
		ClientRequest r = parse("{\"id\":3,\"method\":\"call.a.b\",\"params\":{\"d\":" + deep + "}}");
		assertThat(r.params()).hasToString("{\"d\":" + deep + "}");
	}

	@Test
	void tooDeepFramesKeepTheirId() {
		String deep = "[".repeat(20_000) + "]".repeat(20_000);
		assertThatThrownBy(() -> parse("{\"id\":3,\"method\":\"call.a.b\",\"params\":" + deep + "}"))
			.isInstanceOfSatisfying(ClientRequestParser.TooDeepException.class, ex -> assertThat(ex.id()).isEqualTo("3"));
		assertThatThrownBy(() -> parse("{\"method\":\"call.a.b\",\"params\":{\"id\":1,\"x\":" + deep + "}, \"id\" : 44}"))
			.isInstanceOfSatisfying(ClientRequestParser.TooDeepException.class, ex -> assertThat(ex.id()).isEqualTo("44"));
		assertThatThrownBy(() -> parse("{\"method\":\"x\",\"params\":\"\\\"id\\\":5\",\"p\":" + deep + "}"))
			.isInstanceOfSatisfying(ClientRequestParser.TooDeepException.class, ex -> assertThat(ex.id()).isNull());
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{", "[]", "42", "null", "{}", "{\"id\":null,\"method\":\"m\"}", "{\"id\":-1}",
			"{\"id\":-0}", "{\"id\":1.5}", "{\"id\":1e2}", "{\"id\":\"1\"}", "{\"id\":18446744073709551616}",
			"{\"id\":1,\"method\":42}", "{\"id\":1,\"method\":[\"m\"]}", "{\"id\":1} {}", "{\"id\":1,\"method\":\"m\",\"params\":}",
			"{\"id\":1,\"params\":[1,]}", "{\"id\":1,\"method\":\"a\u0001b\"}" })
	void framesThatAreNoRequest(String frame) throws Exception {
		assertThat(parse(frame)).isNull();
	}

	@Test
	void largestIdAndRepeatedMembers() throws Exception {
		assertThat(parse("{\"id\":18446744073709551615,\"method\":\"m\"}").id()).isEqualTo("18446744073709551615");
		ClientRequest r = parse("{\"id\":1,\"method\":\"a\",\"id\":2,\"method\":\"b\",\"params\":1,\"params\":2}");
		assertThat(r.id()).isEqualTo("2");
		assertThat(r.method()).isEqualTo("b");
		assertThat(r.params()).hasToString("2");
	}

	@Test
	void longNumbersAndNamesInParams() throws Exception {
		String params = "{\"" + "k".repeat(60_000) + "\":" + "9".repeat(5000) + "}";
		assertThat(parse("{\"id\":1,\"method\":\"m\",\"params\":" + params + "}").params()).hasToString(params);
	}

	@Test
	void membersOfParams() {
		assertThat(parser.member(io.resgate.spring.protocol.RawJson.of("{\"a\":[{}],\"count\":2}"), "count").text())
			.isEqualTo("2");
		assertThat(parser.member(io.resgate.spring.protocol.RawJson.of("{\"a\":1}"), "count"))
			.isSameAs(ClientRequestParser.Member.ABSENT);
		assertThat(parser.member(io.resgate.spring.protocol.RawJson.of("[1]"), "count")).isNull();
	}
}
