package io.resgate.spring.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.resgate.spring.service.examples.BookCollection;
import io.resgate.spring.service.test.ResTestSession;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit as users see it: components unit-tested without NATS and without Spring.
 */
class ResTestSessionTests {

	@Test
	void unitTestsComponentsWithRequestsAndEvents() {
		try (ResTestSession session = new ResTestSession()) {
			BookCollection.Library library = new BookCollection.Library();
			session.register(new BookCollection.BookModel(library, session.events()),
					new BookCollection.BooksCollection(library, session.events()))
				.start();
			session.get("library.book.1")
				.assertModel(Map.of("id", 1, "title", "Animal Farm", "author", "George Orwell"));
			session.call("library.book.1", "set", Map.of("title", ""))
				.assertError("system.invalidParams", "Title must not be empty");
			session.call("library.book.1", "set", Map.of("title", "1984")).assertResult(null);
			session.nextEvent().assertChange("library.book.1", Map.of("title", "1984"));
			// Bean Validation is on: @Valid params are checked
			session.call("library.books", "new", Map.of())
				.assertError("system.invalidParams", "Must provide both title and author");
			session.assertNoEvent(Duration.ofMillis(50));
		}
	}

	@Test
	void failedAssertionsSayWhatCameInstead() {
		try (ResTestSession session = new ResTestSession(b -> b.resetOnStart(false))) {
			session.register(new BookCollection.BookModel(new BookCollection.Library(), session.events())).start();
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.get("library.book.1").assertError("system.notFound"))
				.withMessageContaining("Animal Farm");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.get("library.book.1").assertCollection(List.of()))
				.withMessageContaining("expected a collection");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.client().nextEvent(Duration.ofMillis(50)))
				.withMessageContaining("no event");
		}
	}
}
