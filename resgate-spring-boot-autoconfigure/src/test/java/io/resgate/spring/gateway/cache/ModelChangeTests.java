package io.resgate.spring.gateway.cache;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ModelChangeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, ResValue> MODEL = ResValue.model(JSON.readTree("{\"a\":1,\"b\":\"x\"}"));

	private static ResourceEvent change(String payload) {
		return new ResourceEvent("change", JSON.readTree(payload));
	}

	private static ResValue value(String json) {
		return ResValue.parse(JSON.readTree(json));
	}

	@Test
	void changedAddedAndDeletedValuesMakeTheNewModelAndAreGivenToTheEvent() {
		ResourceEvent r = change("{\"values\":{\"a\":2,\"b\":{\"action\":\"delete\"},\"c\":true}}");
		Map<String, ResValue> m = ModelChange.apply("m", MODEL, r);
		assertThat(m).containsOnly(Map.entry("a", value("2")), Map.entry("c", value("true")));
		assertThat(r.changed()).containsOnlyKeys("a", "b", "c");
		assertThat(r.changed().get("b")).isEqualTo(ResValue.DELETE);
		assertThat(r.oldValues()).isSameAs(MODEL);
		assertThat(r.isUpdate()).isTrue();
	}

	@Test
	void aChangeThatChangesNothingGivesNoModel() {
		ResourceEvent r = change("{\"values\":{\"a\":1,\"z\":{\"action\":\"delete\"}}}");
		assertThat(ModelChange.apply("m", MODEL, r)).isNull();
		assertThat(r.isUpdate()).isFalse();
	}

	@Test
	void aLegacyChangeWithoutValuesIsApplied() {
		assertThat(ModelChange.apply("m", MODEL, change("{\"a\":3}"))).containsEntry("a", value("3"));
	}

	@Test
	void anInvalidPayloadChangesNothing() {
		assertThat(ModelChange.apply("m", MODEL, change("[1]"))).isNull();
		assertThat(ModelChange.apply("m", MODEL, change("{\"values\":{\"a\":[1]}}"))).isNull();
	}
}
