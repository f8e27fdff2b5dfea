package io.resgate.spring.service.store;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/**
 * The books of the store tests.
 */
public interface StoreBookRepository
		extends ListCrudRepository<StoreBook, Long>, ListPagingAndSortingRepository<StoreBook, Long> {

	List<StoreBook> findByAuthorOrderById(String author);

	@Query("SELECT * FROM store_book WHERE LOWER(title) LIKE :pattern ORDER BY id LIMIT :limit")
	List<StoreBook> search(String pattern, int limit);

	@Modifying
	@Query("UPDATE store_book SET author = :to WHERE author = :from")
	int renameAuthor(String from, String to);
}
