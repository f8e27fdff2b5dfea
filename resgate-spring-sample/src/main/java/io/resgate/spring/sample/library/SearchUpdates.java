package io.resgate.spring.sample.library;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.events.ResEvents;

import org.springframework.stereotype.Component;

/**
 * Tells the gateways that search results may have changed: a query event on {@code library.search},
 * answered for each cached search with its current results (the gateway turns the difference into add
 * and remove events for its clients).
 */
@Component
@OnServiceSide
public class SearchUpdates {

	static final String RESOURCE = "library.search";

	private final ResEvents events;

	private final BookSearch search;

	public SearchUpdates(ResEvents events, BookSearch search) {
		this.events = events;
		this.search = search;
	}

	/** Sends the query event; call it after every change to the books. */
	public void booksChanged() {
		events.queryEvent(RESOURCE, request -> {
			try {
				request.collection(search.results(SearchQuery.parse(request.queryParams())));
			}
			catch (ResException ex) {
				request.error(ex.getError());
			}
		});
	}
}
