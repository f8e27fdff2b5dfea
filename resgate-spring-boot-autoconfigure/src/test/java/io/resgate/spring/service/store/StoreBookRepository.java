package io.resgate.spring.service.store;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The books of the store tests, for Spring Data JDBC or JPA: the queries carry both modules' annotations.
 */
public interface StoreBookRepository
		extends ListCrudRepository<StoreBook, Long>, ListPagingAndSortingRepository<StoreBook, Long> {

	List<StoreBook> findByAuthorOrderById(String author);

	@Query("SELECT * FROM store_book WHERE LOWER(title) LIKE :pattern ORDER BY id LIMIT :limit")
	@org.springframework.data.jpa.repository.Query(nativeQuery = true,
			value = "SELECT * FROM store_book WHERE LOWER(title) LIKE :pattern ORDER BY id LIMIT :limit")
	List<StoreBook> search(String pattern, int limit);

	@Modifying
	@Query("UPDATE store_book SET author = :to WHERE author = :from")
	@org.springframework.data.jpa.repository.Modifying
	@org.springframework.data.jpa.repository.Query("UPDATE StoreBook b SET b.author = :to WHERE b.author = :from")
	@Transactional
	int renameAuthor(String from, String to);
}
