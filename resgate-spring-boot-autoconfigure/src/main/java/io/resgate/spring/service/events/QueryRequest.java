package io.resgate.spring.service.events;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.ResError;

/**
 * A query request that a gateway sends after a query event: for one cached query of the resource,
 * tell what changed. Record events with {@link #change}, {@link #add} and {@link #remove} (sent
 * together as the response), or answer with the full {@link #model} or {@link #collection}, or an error.
 * Not answering and recording nothing means nothing changed for this query.
 */
public interface QueryRequest {

	/** @return the resource name (without query) */
	String resourceName();

	/** @return the normalized query this request is about */
	String query();

	/** @return the query parsed into decoded parameters */
	Map<String, List<String>> queryParams();

	/**
	 * A value of the pattern's placeholders.
	 * @param name the placeholder name
	 * @return the value, or {@code null}
	 */
	String pathParam(String name);

	/**
	 * Records a change event for this query (query models).
	 * @param values the changed properties
	 */
	void change(Map<String, ?> values);

	/**
	 * Records an add event for this query (query collections).
	 * @param value the added value
	 * @param idx the index
	 */
	void add(Object value, int idx);

	/**
	 * Records a remove event for this query (query collections).
	 * @param idx the index
	 */
	void remove(int idx);

	/**
	 * Answers with the full model for this query.
	 * @param model the model
	 */
	void model(Object model);

	/**
	 * Answers with the full collection for this query.
	 * @param collection the collection
	 */
	void collection(List<?> collection);

	/** Answers that the query resource no longer exists. */
	void notFound();

	/**
	 * Answers with an error.
	 * @param error the error
	 */
	void error(ResError error);
}
