package io.resgate.spring.sample.library;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/**
 * The books, with Spring Data JDBC. Writes through this repository send the RES events of the library's
 * resources (they are {@code @ResStore(Book.class)} components).
 */
public interface BookRepository extends ListCrudRepository<Book, Long>, ListPagingAndSortingRepository<Book, Long> {

	/**
	 * One page of the books whose title or author matches a pattern, ignoring case, by ID.
	 * @param pattern a {@code LIKE} pattern in lower case, such as {@code %orwell%}
	 * @param limit the largest number of books
	 * @param offset the number of matching books to skip
	 * @return the books
	 */
	@Query("SELECT * FROM book WHERE LOWER(title) LIKE :pattern OR LOWER(author) LIKE :pattern "
			+ "ORDER BY id LIMIT :limit OFFSET :offset")
	List<Book> search(String pattern, int limit, int offset);
}
