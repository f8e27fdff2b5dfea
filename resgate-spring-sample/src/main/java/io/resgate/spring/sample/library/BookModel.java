package io.resgate.spring.sample.library;

import java.util.Optional;

import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.store.EntityStore;
import io.resgate.spring.service.store.ResStore;
import tools.jackson.databind.JsonNode;

/**
 * A book, {@code library.book.<id>}: {@code {"id":1,"title":"Animal Farm","author":"George Orwell"}}, read from
 * the database. Everyone may read it and call {@code set} with a new {@code title} and/or {@code author}.
 *
 * <p>{@code @ResStore(Book.class)}: when a book is saved, the store sends this model's change event (only the
 * values that differ) after the commit, and the book list and searches are updated too.
 */
@ResModel(value = "library.book.$id", group = "library")
@ResStore(Book.class)
@OnServiceSide
public class BookModel {

	private final BookRepository books;

	private final EntityStore store;

	public BookModel(BookRepository books, EntityStore store) {
		this.books = books;
		this.store = store;
	}

	/**
	 * The book; {@code system.notFound} for unknown IDs.
	 * @param id the book ID
	 * @return the book
	 */
	@ResGet
	public Optional<Book> get(@PathParam("id") long id) {
		return books.findById(id);
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
	 * Sets the title and/or the author, in one transaction. Only values that differ are checked and changed.
	 * Answers {@code null}.
	 * @param id the book ID
	 * @param params {@code {"title":..., "author":...}}, both optional
	 */
	@ResCall("set")
	public void set(@PathParam("id") long id, @ResParams JsonNode params) {
		store.update(Book.class, id, book -> {
			JsonNode title = params == null ? null : params.get("title");
			JsonNode author = params == null ? null : params.get("author");
			boolean newTitle = differs(title, book.title());
			boolean newAuthor = differs(author, book.author());
			if (!newTitle && !newAuthor) {
				return null;
			}
			return new Book(id, newTitle ? BookFields.requireText("Title", title) : book.title(),
					newAuthor ? BookFields.requireText("Author", author) : book.author());
		});
	}

	private static boolean differs(JsonNode value, String current) {
		return value != null && !(value.isString() && value.asString().equals(current));
	}
}
