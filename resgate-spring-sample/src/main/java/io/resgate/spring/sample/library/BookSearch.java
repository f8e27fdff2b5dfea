package io.resgate.spring.sample.library;

import java.util.List;

import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.QueryResult;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.annotation.QueryParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.store.ResStore;

/**
 * Book search, the query collection {@code library.search?q=orwell&offset=0&limit=10}: references to the
 * matching books, one page of them, found with a database query.
 *
 * <p>{@code @ResStore(Book.class)}: after every write of books the store sends a query event, and answers the
 * gateways' query requests by running this get handler again for each of their searches.
 */
@ResCollection(value = "library.search", query = true, group = "library")
@ResStore(Book.class)
@OnServiceSide
public class BookSearch {

	private final BookRepository books;

	public BookSearch(BookRepository books) {
		this.books = books;
	}

	/**
	 * One page of matching books.
	 * @param q the search text
	 * @param offset the index of the first result
	 * @param limit the largest number of results
	 * @return the references with the normalized query
	 */
	@ResGet
	public QueryResult<List<ResRef>> get(@QueryParam(defaultValue = "") String q,
			@QueryParam(defaultValue = "0") int offset, @QueryParam(defaultValue = "10") int limit) {
		SearchQuery query = new SearchQuery(q, offset, limit);
		List<ResRef> results = books.search(query.likePattern(), query.limit(), query.offset())
			.stream()
			.map(book -> ResRef.of(book.rid()))
			.toList();
		return QueryResult.of(results, query.normalized());
	}

	/**
	 * Everyone may search.
	 * @return read access
	 */
	@ResAccess
	public Access access() {
		return Access.readOnly();
	}
}
