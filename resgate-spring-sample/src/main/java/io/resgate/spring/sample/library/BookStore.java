package io.resgate.spring.sample.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The books, in memory, in collection order. Starts with the three books of Resgate's book-collection
 * example (IDs 1 to 3; new books get 4, 5, ...). Thread-safe: every method holds the store's lock.
 */
@Component
public class BookStore {

	private final Map<Long, Book> books = new LinkedHashMap<>();

	private long nextId = 1;

	public BookStore() {
		add("Animal Farm", "George Orwell");
		add("Brave New World", "Aldous Huxley");
		add("Coraline", "Neil Gaiman");
	}

	/**
	 * A book.
	 * @param id the book ID
	 * @return the book, if it exists
	 */
	public synchronized Optional<Book> find(long id) {
		return Optional.ofNullable(books.get(id));
	}

	/** @return all books, in collection order */
	public synchronized List<Book> all() {
		return List.copyOf(books.values());
	}

	/**
	 * Adds a book at the end.
	 * @param title the title
	 * @param author the author
	 * @return the new book and its index in the collection
	 */
	public synchronized Added add(String title, String author) {
		Book book = new Book(nextId++, title, author);
		books.put(book.id(), book);
		return new Added(book, books.size() - 1);
	}

	/**
	 * Replaces a book's title and author.
	 * @param book the book with its new values
	 * @return whether the book exists (nothing is stored otherwise)
	 */
	public synchronized boolean update(Book book) {
		return books.replace(book.id(), book) != null;
	}

	/**
	 * Removes a book.
	 * @param id the book ID
	 * @return the index the book had in the collection, or -1 if there was no such book
	 */
	public synchronized int remove(long id) {
		int idx = new ArrayList<>(books.keySet()).indexOf(id);
		if (idx >= 0) {
			books.remove(id);
		}
		return idx;
	}

	/**
	 * The books whose title or author contains a text, ignoring case.
	 * @param text the text; blank matches every book
	 * @return the matching books, in collection order
	 */
	public synchronized List<Book> search(String text) {
		String lower = text.trim().toLowerCase();
		return books.values().stream().filter(b -> b.matches(lower)).toList();
	}

	/**
	 * A book just added, with its index in the collection.
	 * @param book the book
	 * @param idx the index
	 */
	public record Added(Book book, int idx) {
	}
}
