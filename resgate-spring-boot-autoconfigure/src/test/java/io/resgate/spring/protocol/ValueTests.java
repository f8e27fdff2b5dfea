package io.resgate.spring.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ValueTests {

	private final ResCodec codec = new ResCodec();

	private JsonNode json(String s) {
		return codec.tree(s.getBytes());
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"foo\"", "42", "-1.5e3", "true", "false", "null" })
	void primitivesAreValues(String s) {
		Value v = Value.parse(json(s));
		assertThat(v).isInstanceOf(Value.Primitive.class);
		assertThat(v.toJson()).isEqualTo(json(s));
	}

	@Test
	void resourceReference() {
		Value v = Value.parse(json("{\"rid\":\"example.user.42\"}"));
		assertThat(v).isEqualTo(new Value.Ref("example.user.42", false));
		assertThat(v.toJson()).isEqualTo(json("{\"rid\":\"example.user.42\"}"));
	}

	@Test
	void softReference() {
		Value v = Value.parse(json("{\"rid\":\"example.page.2\",\"soft\":true}"));
		assertThat(v).isEqualTo(new Value.Ref("example.page.2", true));
		assertThat(v.toJson()).isEqualTo(json("{\"rid\":\"example.page.2\",\"soft\":true}"));
	}

	@Test
	void referenceWithSoftFalseIsHard() {
		assertThat(Value.parse(json("{\"rid\":\"a.b\",\"soft\":false}"))).isEqualTo(new Value.Ref("a.b", false));
	}

	@Test
	void referenceWithQuery() {
		assertThat(Value.parse(json("{\"rid\":\"a.b?q=1\"}"))).isEqualTo(new Value.Ref("a.b?q=1", false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"rid\":\"\"}", "{\"rid\":\"a..b\"}", "{\"rid\":42}", "{\"rid\":\"a.*\"}",
			"{\"rid\":\"a.b\",\"soft\":\"yes\"}" })
	void invalidReferences(String s) {
		assertThatIllegalArgumentException().isThrownBy(() -> Value.parse(json(s)));
	}

	@Test
	void dataValueWithObjectOrArray() {
		Value obj = Value.parse(json("{\"data\":{\"foo\":[\"bar\"]}}"));
		assertThat(obj).isEqualTo(new Value.Data(json("{\"foo\":[\"bar\"]}")));
		assertThat(obj.toJson()).isEqualTo(json("{\"data\":{\"foo\":[\"bar\"]}}"));
		assertThat(Value.parse(json("{\"data\":[1,2]}"))).isEqualTo(new Value.Data(json("[1,2]")));
	}

	@Test
	void dataValueWithPrimitiveIsThePrimitive() {
		assertThat(Value.parse(json("{\"data\":42}"))).isEqualTo(Value.parse(json("42")));
		assertThat(Value.parse(json("{\"data\":null}"))).isEqualTo(Value.parse(json("null")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"foo\":\"bar\"}", "{}", "[1,2]", "[]" })
	void bareObjectsAndArraysAreNotValues(String s) {
		assertThatIllegalArgumentException().isThrownBy(() -> Value.parse(json(s)));
	}

	@Test
	void deleteActionOnlyWhereAllowed() {
		JsonNode del = json("{\"action\":\"delete\"}");
		assertThat(Value.parse(del, true)).isSameAs(Value.DELETE);
		assertThat(Value.DELETE.toJson()).isEqualTo(del);
		assertThatIllegalArgumentException().isThrownBy(() -> Value.parse(del));
		assertThatIllegalArgumentException().isThrownBy(() -> Value.parse(json("{\"action\":\"remove\"}"), true));
	}
}
