package io.resgate.spring.service.store;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store with Spring Data JPA (Hibernate) on H2.
 */
class StoreJpaH2Tests extends StoreH2Tests {

	@Override
	StoreApp.Persistence persistence() {
		return StoreApp.Persistence.JPA;
	}

	@Test
	void aManagedEntityChangedAndNeverSavedResetsTheResourcesOfItsTypeAfterTheCommit() {
		store.inTransaction(() -> {
			// written by Hibernate's dirty checking at the commit: the store cannot tell what changed
			books.findById(farm.getId()).orElseThrow().setTitle("Animal Farm: A Fairy Story");
			return null;
		});
		JsonNode reset = client.nextEvent().assertSubject("system.reset").json();
		List<String> patterns = new ArrayList<>();
		reset.get("resources").forEach(p -> patterns.add(p.asString()));
		assertThat(patterns).containsExactlyInAnyOrder("store.book.*", "store.books", "store.author.*.books", "store.search");
		client.get(farm.rid()).assertModel(java.util.Map.of("id", farm.getId(), "title", "Animal Farm: A Fairy Story",
				"author", "orwell"));
	}

	@Test
	void aChangeFlushedBeforeItsSaveResetsTheResourcesOfItsTypeAfterTheCommit() {
		store.inTransaction(() -> {
			StoreBook book = books.findById(farm.getId()).orElseThrow();
			book.setTitle("Animal Farm: A Fairy Story");
			// the query flushes the change first: the state before the save is already the changed one
			assertThat(books.findByAuthorOrderById("orwell")).hasSize(1);
			return books.save(book);
		});
		// no change event (the states before and after the save are the same), a query event, then the reset
		client.nextEvent().assertQueryEvent("store.search");
		JsonNode reset = client.nextEvent().assertSubject("system.reset").json();
		assertThat(reset.get("resources").size()).isEqualTo(4);
		client.assertNoEvent(java.time.Duration.ofMillis(300));
	}
}
