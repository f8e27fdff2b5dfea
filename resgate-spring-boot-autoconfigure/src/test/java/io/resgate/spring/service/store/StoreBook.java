package io.resgate.spring.service.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.validation.constraints.NotBlank;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The entity of the store tests (table {@code store_book}): a book with a unique title. Mapped for Spring Data
 * JDBC ({@link Table}) and for JPA ({@link Entity}); each test application enables one of them.
 */
@Table
@Entity
@jakarta.persistence.Table(name = "store_book")
public class StoreBook {

	@Id
	@jakarta.persistence.Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@NotBlank
	@Column(nullable = false, unique = true)
	private String title;

	@NotBlank
	@Column(nullable = false)
	private String author;

	/** For JPA. */
	protected StoreBook() {
	}

	/**
	 * A book.
	 * @param id the ID, or {@code null} for a new book (generated)
	 * @param title the title
	 * @param author the author key, such as {@code orwell}
	 */
	@PersistenceCreator
	public StoreBook(Long id, String title, String author) {
		this.id = id;
		this.title = title;
		this.author = author;
	}

	public Long getId() {
		return id;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getAuthor() {
		return author;
	}

	public void setAuthor(String author) {
		this.author = author;
	}

	/** @return the resource ID of its model */
	public String rid() {
		return "store.book." + id;
	}

	@Override
	public String toString() {
		return "StoreBook[id=" + id + ", title=" + title + ", author=" + author + "]";
	}
}
