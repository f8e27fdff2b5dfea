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

/**
 * Book search, the query collection {@code library.search?q=orwell&offset=0&limit=10}: references to the
 * matching books, one page of them. When books change, {@link SearchUpdates} sends a query event and
 * the gateways update every cached search.
 */
@ResCollection(value = "library.search", query = true, group = "library")
@OnServiceSide
public class BookSearch {

	private final BookStore store;

	public BookSearch(BookStore store) {
		this.store = store;
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
		return QueryResult.of(results(query), query.normalized());
	}

	/**
	 * Everyone may search.
	 * @return read access
	 */
	@ResAccess
	public Access access() {
		return Access.readOnly();
	}

	List<ResRef> results(SearchQuery query) {
		return store.search(query.q())
			.stream()
			.skip(query.offset())
			.limit(query.limit())
			.map(book -> ResRef.of(book.rid()))
			.toList();
	}
}
