package io.resgate.spring.gateway.cache;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class ModelDiffTests {

	private static ResValue n(int i) {
		return new ResValue(ResValue.Kind.PRIMITIVE, null, JsonNodeFactory.instance.numberNode(i));
	}

	@Test
	void changedAndNewKeysTakeTheirNewValueAndRemovedKeysADeleteAction() {
		Map<String, ResValue> a = Map.of("same", n(1), "changed", n(1), "removed", n(1));
		Map<String, ResValue> b = Map.of("same", n(1), "changed", n(2), "added", n(3));
		assertThat(ModelDiff.diff(a, b)).containsExactly(Map.entry("added", n(3)), Map.entry("changed", n(2)),
				Map.entry("removed", ResValue.DELETE));
	}

	@Test
	void equalModelsGiveNoChange() {
		assertThat(ModelDiff.diff(Map.of("a", n(1)), Map.of("a", n(1)))).isEmpty();
		assertThat(ModelDiff.diff(Map.of(), Map.of())).isEmpty();
	}
}
