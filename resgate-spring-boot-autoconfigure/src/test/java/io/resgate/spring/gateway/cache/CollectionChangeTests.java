package io.resgate.spring.gateway.cache;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionChangeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<ResValue> COLLECTION = ResValue.collection(JSON.readTree("[\"a\",\"b\"]"));

	private static ResourceEvent event(String name, String payload) {
		return new ResourceEvent(name, JSON.readTree(payload));
	}

	private static ResValue value(String json) {
		return ResValue.parse(JSON.readTree(json));
	}

	@Test
	void addInsertsAtTheIndexAndGivesTheEventItsIndexAndValue() {
		ResourceEvent r = event("add", "{\"idx\":1,\"value\":\"x\"}");
		assertThat(CollectionChange.add("c", COLLECTION, r)).containsExactly(value("\"a\""), value("\"x\""),
				value("\"b\""));
		assertThat(r.idx()).isEqualTo(1);
		assertThat(r.value()).isEqualTo(value("\"x\""));
		assertThat(r.isUpdate()).isTrue();
	}

	@Test
	void addWithoutIndexInsertsFirstAndAtTheEndIsAllowed() {
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"value\":\"x\"}"))).first()
			.isEqualTo(value("\"x\""));
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"idx\":2,\"value\":\"x\"}"))).last()
			.isEqualTo(value("\"x\""));
	}

	@Test
	void invalidAddsChangeNothing() {
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"idx\":3,\"value\":\"x\"}"))).isNull();
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"idx\":-1,\"value\":\"x\"}"))).isNull();
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"idx\":0}"))).isNull();
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"idx\":0.5,\"value\":\"x\"}"))).isNull();
		assertThat(CollectionChange.add("c", COLLECTION, event("add", "{\"idx\":0,\"value\":{\"action\":\"delete\"}}")))
			.isNull();
	}

	@Test
	void removeTakesOutTheIndexAndGivesTheEventTheRemovedValue() {
		ResourceEvent r = event("remove", "{\"idx\":1}");
		assertThat(CollectionChange.remove("c", COLLECTION, r)).containsExactly(value("\"a\""));
		assertThat(r.idx()).isEqualTo(1);
		assertThat(r.value()).isEqualTo(value("\"b\""));
		assertThat(r.isUpdate()).isTrue();
	}

	@Test
	void removeOutOfBoundsChangesNothing() {
		ResourceEvent r = event("remove", "{\"idx\":2}");
		assertThat(CollectionChange.remove("c", COLLECTION, r)).isNull();
		assertThat(r.isUpdate()).isFalse();
	}
}
