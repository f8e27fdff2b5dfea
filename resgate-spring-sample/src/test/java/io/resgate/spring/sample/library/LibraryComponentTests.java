package io.resgate.spring.sample.library;

import java.util.List;
import java.util.Map;

import io.resgate.spring.service.test.AutoConfigureResTestClient;
import io.resgate.spring.service.test.ResTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The library components with the starter's test kit, on the app's embedded H2 database: the requests a
 * gateway would send and the events the store sends for the books written. Each test puts back what it
 * changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureResTestClient
class LibraryComponentTests {

	@Autowired
	ResTestClient client;

	@Autowired
	BookRepository books;

	@Test
	void aNewBookIsAddedToTheListAndToMatchingSearches() {
		client.get("library.search?q=Huxley").assertCollection(List.of(Map.of("rid", "library.book.2")))
			.assertQuery("q=huxley&offset=0&limit=10");

		client.call("library.books", "new", Map.of("title", "Island", "author", "Aldous Huxley")).assertResult(null);
		Book island = books.findAll().stream().filter(b -> b.title().equals("Island")).findFirst().orElseThrow();
		client.nextEventOf("library.books").assertAdd("library.books", Map.of("rid", island.rid()), 3);
		String querySubject = client.nextEventOf("library.search").assertQueryEvent("library.search");
		client.query(querySubject, "q=huxley&offset=0&limit=10")
			.assertCollection(List.of(Map.of("rid", "library.book.2"), Map.of("rid", island.rid())));
		client.get(island.rid()).assertModel(Map.of("id", island.id(), "title", "Island", "author", "Aldous Huxley"));

		client.call("library.books", "delete", Map.of("id", island.id())).assertResult(null);
		client.nextEventOf("library.books").assertRemove("library.books", 3);
		client.get(island.rid()).assertError("system.notFound");
	}

	@Test
	void setChangesOnlyWhatDiffersAndValidatesLikeResgatesExample() {
		client.call("library.book.3", "set", Map.of("title", "Coraline", "author", "N. Gaiman")).assertResult(null);
		client.nextEventOf("library.book.3").assertChange("library.book.3", Map.of("author", "N. Gaiman"));
		client.nextEventOf("library.search").assertQueryEvent("library.search");

		client.call("library.book.3", "set", Map.of("title", "")).assertError("system.invalidParams", "Title must not be empty");
		client.call("library.book.3", "set", Map.of("author", 7)).assertError("system.invalidParams", "Author must be a string");
		client.call("library.books", "delete", Map.of("id", "3")).assertError("system.invalidParams", "Book ID must be a number");
		client.call("library.book.9", "set", Map.of("title", "X")).assertError("system.notFound");

		client.call("library.book.3", "set", Map.of("author", "Neil Gaiman")).assertResult(null);
		client.nextEventOf("library.book.3").assertChange("library.book.3", Map.of("author", "Neil Gaiman"));
	}

	@Test
	void searchPagesAndRejectsInvalidQueries() {
		client.get("library.search?q=&offset=1&limit=1").assertCollection(List.of(Map.of("rid", "library.book.2")))
			.assertQuery("q=&offset=1&limit=1");
		client.get("library.search?q=100%25").assertCollection(List.of());
		client.get("library.search?limit=51").assertError("system.invalidQuery");
		client.get("library.search?offset=-1").assertError("system.invalidQuery");
	}
}
