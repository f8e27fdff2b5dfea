package io.resgate.spring.sample.library;

import java.util.List;

import org.springframework.data.domain.Sort;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.store.EntityStore;
import io.resgate.spring.service.store.ResStore;
import tools.jackson.databind.JsonNode;

/**
 * The book list, {@code library.books}: a collection of references to {@code library.book.<id>}, by ID, with the
 * methods {@code new} ({@code {"title":..., "author":...}}) and {@code delete} ({@code {"id": 42}}) of Resgate's
 * book-collection example. Everyone has full access.
 *
 * <p>{@code @ResStore(Book.class)}: the store sends the {@code add} and {@code remove} events when books are
 * saved or deleted; the handlers only write to the database.
 */
@ResCollection(value = "library.books", group = "library")
@ResStore(Book.class)
@OnServiceSide
public class BookCollection {

	private final BookRepository books;

	private final EntityStore store;

	public BookCollection(BookRepository books, EntityStore store) {
		this.books = books;
		this.store = store;
	}

	/**
	 * The references to all books.
	 * @return the collection
	 */
	@ResGet
	public List<ResRef> get() {
		return books.findAll(Sort.by("id")).stream().map(book -> ResRef.of(book.rid())).toList();
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
	 * Adds a book; it gets the next ID, so it is added at the end of the list. Both params must be non-empty
	 * strings. Answers {@code null}, like the original.
	 * @param params {@code {"title":..., "author":...}}
	 */
	@ResCall("new")
	public void create(@ResParams JsonNode params) {
		String title = BookFields.optionalText(params, "title");
		String author = BookFields.optionalText(params, "author");
		if (title == null || author == null) {
			throw ResException.invalidParams("Must provide both title and author");
		}
		books.save(new Book(null, title, author));
	}

	/**
	 * Deletes a book. Unknown IDs are not an error. Answers {@code null}.
	 * @param params {@code {"id": 42}}
	 */
	@ResCall("delete")
	public void delete(@ResParams JsonNode params) {
		store.delete(Book.class, BookFields.requireId(params));
	}
}
