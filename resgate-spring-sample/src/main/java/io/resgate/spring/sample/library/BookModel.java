package io.resgate.spring.sample.library;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;
import tools.jackson.databind.JsonNode;

/**
 * A book, {@code library.book.<id>}: {@code {"id":1,"title":"Animal Farm","author":"George Orwell"}}.
 * Everyone may read it and call {@code set} with a new {@code title} and/or {@code author}.
 *
 * <p>All library resources share the worker group {@code library}: their requests are handled one at a
 * time, so the handlers see a consistent store and their events go out in order.
 */
@ResModel(value = "library.book.$id", group = "library")
@OnServiceSide
public class BookModel {

	private final BookStore store;

	private final ResEvents events;

	private final SearchUpdates searchUpdates;

	public BookModel(BookStore store, ResEvents events, SearchUpdates searchUpdates) {
		this.store = store;
		this.events = events;
		this.searchUpdates = searchUpdates;
	}

	/**
	 * The book; {@code system.notFound} for unknown IDs.
	 * @param id the book ID
	 * @return the book
	 */
	@ResGet
	public Optional<Book> get(@PathParam("id") long id) {
		return store.find(id);
	}

	/**
	 * Full access for everyone.
	 * @return the access
	 */
	@ResAccess
	public Access access() {
		return Access.granted();
	}

	/**
	 * Sets the title and/or the author. Only values that differ are checked and changed; a change event
	 * carries them. Answers {@code null}.
	 * @param id the book ID
	 * @param params {@code {"title":..., "author":...}}, both optional
	 */
	@ResCall("set")
	public void set(@PathParam("id") long id, @ResParams JsonNode params) {
		Book book = store.find(id).orElseThrow(ResException::notFound);
		Map<String, Object> changed = new LinkedHashMap<>();
		JsonNode title = params == null ? null : params.get("title");
		if (differs(title, book.title())) {
			changed.put("title", BookFields.requireText("Title", title));
		}
		JsonNode author = params == null ? null : params.get("author");
		if (differs(author, book.author())) {
			changed.put("author", BookFields.requireText("Author", author));
		}
		if (!changed.isEmpty()) {
			Book updated = new Book(id, (String) changed.getOrDefault("title", book.title()),
					(String) changed.getOrDefault("author", book.author()));
			store.update(updated);
			events.change(updated.rid(), changed);
			searchUpdates.booksChanged();
		}
	}

	private static boolean differs(JsonNode value, String current) {
		return value != null && !(value.isString() && value.asString().equals(current));
	}
}
