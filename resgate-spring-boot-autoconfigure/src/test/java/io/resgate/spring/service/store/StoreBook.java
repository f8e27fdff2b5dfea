package io.resgate.spring.service.store;

import jakarta.validation.constraints.NotBlank;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The entity of the store tests (table {@code store_book}): a book with a unique title.
 *
 * @param id the ID, generated
 * @param title the title
 * @param author the author key, such as {@code orwell}
 */
@Table
public record StoreBook(@Id Long id, @NotBlank String title, @NotBlank String author) {

	/** @return the resource ID of its model */
	public String rid() {
		return "store.book." + id;
	}
}
