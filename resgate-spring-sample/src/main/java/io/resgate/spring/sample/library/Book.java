package io.resgate.spring.sample.library;

/**
 * A book model, {@code library.book.<id>}: the same properties as in Resgate's book-collection example.
 *
 * @param id the book ID
 * @param title the title
 * @param author the author
 */
public record Book(long id, String title, String author) {

	/** The resource name prefix of books. */
	public static final String RID_PREFIX = "library.book.";

	/**
	 * The resource ID of a book.
	 * @param id the book ID
	 * @return {@code library.book.<id>}
	 */
	public static String rid(long id) {
		return RID_PREFIX + id;
	}

	/** @return this book's resource ID */
	public String rid() {
		return rid(id);
	}

	/**
	 * Tells if the title or the author contains the text, ignoring case.
	 * @param lowerCaseText the text, in lower case
	 * @return whether the book matches
	 */
	boolean matches(String lowerCaseText) {
		return title.toLowerCase().contains(lowerCaseText) || author.toLowerCase().contains(lowerCaseText);
	}
}
