package io.resgate.spring.service.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import tools.jackson.databind.JsonNode;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.events.ResEvents;

/**
 * Resgate's book-collection example: {@code library.book.<id>} models, the {@code library.books}
 * collection, full access to everything under {@code library}.
 */
public final class BookCollection {

	/** A book model. */
	public record Book(long id, String title, String author) {
	}

	/** Params of {@code new}. */
	public record NewBook(@NotBlank(message = "Must provide both title and author") String title,
			@NotBlank(message = "Must provide both title and author") String author) {
	}

	/** The shared state; in a real service, a repository. */
	public static final class Library {

		final Map<Long, Book> books = new LinkedHashMap<>();

		final List<ResRef> list = new ArrayList<>();

		long nextId = 1;

		public Library() {
			add("Animal Farm", "George Orwell");
			add("Brave New World", "Aldous Huxley");
			add("Coraline", "Neil Gaiman");
		}

		synchronized Book add(String title, String author) {
			Book b = new Book(nextId++, title, author);
			books.put(b.id(), b);
			list.add(ResRef.of("library.book." + b.id()));
			return b;
		}
	}

	private BookCollection() {
	}

	/** Everyone gets full access to the library. */
	@ResResource("library.>")
	public static final class LibraryAccess {

		@ResAccess
		Access access() {
			return Access.granted();
		}
	}

	/** The book models. */
	@ResModel("library.book.$id")
	public static final class BookModel {

		private final Library library;

		private final ResEvents events;

		public BookModel(Library library, ResEvents events) {
			this.library = library;
			this.events = events;
		}

		@ResGet
		Optional<Book> get(@PathParam long id) {
			synchronized (library) {
				return Optional.ofNullable(library.books.get(id));
			}
		}

		@ResCall("set")
		void set(@PathParam long id, @ResParams JsonNode p) {
			synchronized (library) {
				Book book = library.books.get(id);
				if (book == null) {
					throw ResException.notFound();
				}
				String title = changed(p, "title", "Title", book.title());
				String author = changed(p, "author", "Author", book.author());
				Book updated = new Book(id, (title != null) ? title : book.title(),
						(author != null) ? author : book.author());
				library.books.put(id, updated);
				events.changeDiff("library.book." + id, book, updated);
			}
		}

		private static String changed(JsonNode p, String field, String label, String current) {
			JsonNode v = (p == null) ? null : p.get(field);
			if (v == null || v.isMissingNode() || (v.isString() && v.asString().equals(current))) {
				return null;
			}
			if (!v.isString()) {
				throw ResException.invalidParams(label + " must be a string");
			}
			if (v.asString().trim().isEmpty()) {
				throw ResException.invalidParams(label + " must not be empty");
			}
			return v.asString();
		}
	}

	/** The collection of all books. */
	@ResCollection("library.books")
	public static final class BooksCollection {

		private final Library library;

		private final ResEvents events;

		public BooksCollection(Library library, ResEvents events) {
			this.library = library;
			this.events = events;
		}

		@ResGet
		List<ResRef> get() {
			synchronized (library) {
				return List.copyOf(library.list);
			}
		}

		@ResCall("new")
		void create(@Valid @ResParams NewBook p) {
			synchronized (library) {
				int idx = library.list.size();
				Book b = library.add(p.title(), p.author());
				events.add("library.books", ResRef.of("library.book." + b.id()), idx);
			}
		}

		@ResCall("delete")
		void delete(@ResParams JsonNode p) {
			JsonNode id = p.get("id");
			if (id == null || !id.isNumber()) {
				throw ResException.invalidParams("Book ID must be a number");
			}
			synchronized (library) {
				if (library.books.remove(id.asLong()) != null) {
					int idx = library.list.indexOf(ResRef.of("library.book." + id.asLong()));
					if (idx >= 0) {
						library.list.remove(idx);
						events.remove("library.books", idx);
					}
				}
			}
		}
	}
}
