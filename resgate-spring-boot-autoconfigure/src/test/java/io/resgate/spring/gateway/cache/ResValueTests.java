package io.resgate.spring.gateway.cache;

import io.resgate.spring.protocol.ResException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResValueTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ResValue parse(String json) {
		return ResValue.parse(JSON.readTree(json));
	}

	private static JsonNode json(String json) {
		return JSON.readTree(json);
	}

	@Test
	void parsesEveryKindOfValue() {
		assertThat(parse("12").kind()).isEqualTo(ResValue.Kind.PRIMITIVE);
		assertThat(parse("null").kind()).isEqualTo(ResValue.Kind.PRIMITIVE);
		assertThat(parse("{\"rid\":\"a.b\"}")).extracting(ResValue::kind, ResValue::rid)
			.containsExactly(ResValue.Kind.REFERENCE, "a.b");
		assertThat(parse("{\"rid\":\"a.b\",\"soft\":true}").kind()).isEqualTo(ResValue.Kind.SOFT_REFERENCE);
		assertThat(parse("{\"data\":{\"x\":[1]}}").kind()).isEqualTo(ResValue.Kind.DATA);
		assertThat(parse("{\"action\":\"delete\"}")).isSameAs(ResValue.DELETE);
	}

	@Test
	void dataHoldingAPrimitiveIsThatPrimitive() {
		ResValue v = parse("{\"data\":12}");
		assertThat(v.kind()).isEqualTo(ResValue.Kind.PRIMITIVE);
		assertThat(v.json()).isEqualTo(json("12"));
		assertThat(v).isEqualTo(parse("12"));
	}

	@Test
	void rejectsInvalidValues() {
		for (String bad : new String[] { "[1,2]", "{\"foo\":1}", "{\"rid\":false}", "{\"rid\":\"\"}",
				"{\"rid\":\"a..b\"}", "{\"action\":\"unknown\"}", "{\"rid\":\"a\",\"data\":1}" }) {
			assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ResException.class);
		}
		assertThatThrownBy(() -> ResValue.parseProper(json("{\"action\":\"delete\"}"))).isInstanceOf(ResException.class);
	}

	@Test
	void legacyClientsSeeSoftReferencesAsStringsAndDataAsPlaceholder() {
		assertThat(parse("{\"rid\":\"a.b\",\"soft\":true}").legacyJson()).isEqualTo(json("\"a.b\""));
		assertThat(parse("{\"data\":[1]}").legacyJson()).isEqualTo(json("\"[Data]\""));
		assertThat(parse("{\"rid\":\"a.b\"}").legacyJson()).isEqualTo(json("{\"rid\":\"a.b\"}"));
	}

	@Test
	void referencesAreEqualByResourceId() {
		assertThat(parse("{\"rid\":\"a.b\"}")).isEqualTo(parse("{\"rid\":\"a.b\",\"soft\":false}"));
		assertThat(parse("{\"rid\":\"a.b\"}")).isNotEqualTo(parse("{\"rid\":\"a.b\",\"soft\":true}"));
	}
}
