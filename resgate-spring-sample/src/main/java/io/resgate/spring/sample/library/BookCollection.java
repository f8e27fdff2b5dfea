package io.resgate.spring.sample.library;

import java.util.List;

import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;
import tools.jackson.databind.JsonNode;
import io.resgate.spring.protocol.ResException;

/**
 * The book list, {@code library.books}: a collection of references to {@code library.book.<id>}, with the
 * methods {@code new} ({@code {"title":..., "author":...}}) and {@code delete} ({@code {"id": 42}}) of
 * Resgate's book-collection example. Everyone has full access.
 */
@ResCollection(value = "library.books", group = "library")
@OnServiceSide
public class BookCollection {

	static final String RID = "library.books";

	private final BookStore store;

	private final ResEvents events;

	private final SearchUpdates searchUpdates;

	public BookCollection(BookStore store, ResEvents events, SearchUpdates searchUpdates) {
		this.store = store;
		this.events = events;
		this.searchUpdates = searchUpdates;
	}

	/**
	 * The references to all books.
	 * @return the collection
	 */
	@ResGet
	public List<ResRef> get() {
		return store.all().stream().map(book -> ResRef.of(book.rid())).toList();
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
	 * Adds a book at the end of the list (an add event); both params must be non-empty strings. Answers
	 * {@code null}, like the original.
	 * @param params {@code {"title":..., "author":...}}
	 */
	@ResCall("new")
	public void create(@ResParams JsonNode params) {
		String title = BookFields.optionalText(params, "title");
		String author = BookFields.optionalText(params, "author");
		if (title == null || author == null) {
			throw ResException.invalidParams("Must provide both title and author");
		}
		BookStore.Added added = store.add(title, author);
		events.add(RID, ResRef.of(added.book().rid()), added.idx());
		searchUpdates.booksChanged();
	}

	/**
	 * Deletes a book and removes it from the list (a remove event). Unknown IDs are not an error.
	 * Answers {@code null}.
	 * @param params {@code {"id": 42}}
	 */
	@ResCall("delete")
	public void delete(@ResParams JsonNode params) {
		long id = BookFields.requireId(params);
		int idx = store.remove(id);
		if (idx >= 0) {
			events.remove(RID, idx);
			searchUpdates.booksChanged();
		}
	}
}
