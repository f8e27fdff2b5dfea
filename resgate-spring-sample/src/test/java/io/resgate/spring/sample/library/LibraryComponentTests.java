package io.resgate.spring.sample.library;

import java.util.List;
import java.util.Map;

import io.resgate.spring.service.test.ResTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The library components unit-tested with the starter's test kit: no Spring context, no NATS, just the
 * components on an in-process bus, the requests a gateway would send and the events they publish.
 */
class LibraryComponentTests {

	ResTestSession session;

	@BeforeEach
	void start() {
		session = new ResTestSession();
		BookStore store = new BookStore();
		BookSearch search = new BookSearch(store);
		SearchUpdates updates = new SearchUpdates(session.events(), search);
		session.register(new BookModel(store, session.events(), updates),
				new BookCollection(store, session.events(), updates), search)
			.start();
	}

	@AfterEach
	void stop() {
		session.close();
	}

	@Test
	void aNewBookIsAddedToTheListAndToMatchingSearches() {
		session.get("library.search?q=Huxley").assertCollection(List.of(Map.of("rid", "library.book.2")))
			.assertQuery("q=huxley&offset=0&limit=10");

		session.call("library.books", "new", Map.of("title", "Island", "author", "Aldous Huxley")).assertResult(null);
		session.nextEvent().assertAdd("library.books", Map.of("rid", "library.book.4"), 3);
		String querySubject = session.nextEvent().assertQueryEvent("library.search");
		session.client()
			.query(querySubject, "q=huxley&offset=0&limit=10")
			.assertCollection(List.of(Map.of("rid", "library.book.2"), Map.of("rid", "library.book.4")));
		session.get("library.book.4").assertModel(Map.of("id", 4, "title", "Island", "author", "Aldous Huxley"));
	}

	@Test
	void setChangesOnlyWhatDiffersAndValidatesLikeResgatesExample() {
		session.call("library.book.3", "set", Map.of("title", "Coraline", "author", "N. Gaiman")).assertResult(null);
		session.nextEvent().assertChange("library.book.3", Map.of("author", "N. Gaiman"));
		session.nextEvent().assertQueryEvent("library.search");

		session.call("library.book.3", "set", Map.of("title", "")).assertError("system.invalidParams", "Title must not be empty");
		session.call("library.book.3", "set", Map.of("author", 7)).assertError("system.invalidParams", "Author must be a string");
		session.call("library.books", "delete", Map.of("id", "3")).assertError("system.invalidParams", "Book ID must be a number");
		session.call("library.book.9", "set", Map.of("title", "X")).assertError("system.notFound");
	}

	@Test
	void searchPagesAndRejectsInvalidQueries() {
		session.get("library.search?q=&offset=1&limit=1").assertCollection(List.of(Map.of("rid", "library.book.2")))
			.assertQuery("q=&offset=1&limit=1");
		session.get("library.search?limit=51").assertError("system.invalidQuery");
		session.get("library.search?offset=-1").assertError("system.invalidQuery");
	}
}
