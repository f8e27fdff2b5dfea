package io.resgate.spring.service.events;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Publishes RES events. Inject it into your components.
 *
 * <p>Resource events keep the order of requests and events for the resource: sent from a handler of
 * that resource (or of its worker group), or while nothing is queued for the resource, they are
 * published at once (so before the handler's response); sent while requests for the resource are
 * queued or in progress elsewhere, they wait on the resource's worker and are published after those
 * requests. The returned future completes when the event has been published.
 *
 * <p>Resource names are names without a query ({@code library.book.42}). Values are checked against
 * the RES protocol: primitives, {@code ResRef}s, {@code DataValue}s and, in change events,
 * {@code ResAction.DELETE}; anything else throws {@code IllegalArgumentException}.
 */
public interface ResEvents {

	/**
	 * Sends a model change event, {@code event.<name>.change}. Nothing is sent for an empty map.
	 * @param resourceName the model's resource name
	 * @param values the changed properties and their new values ({@code ResAction.DELETE} deletes one)
	 * @return completes when published
	 */
	CompletableFuture<Void> change(String resourceName, Map<String, ?> values);

	/**
	 * Compares two states of a model (records, POJOs or maps, converted with Jackson) and sends a change
	 * event with the properties that differ: new or changed values, and {@code ResAction.DELETE} for
	 * removed ones. Nothing is sent if nothing changed.
	 * @param resourceName the model's resource name
	 * @param before the old state
	 * @param after the new state
	 * @return whether a change event is sent
	 */
	boolean changeDiff(String resourceName, Object before, Object after);

	/**
	 * Sends a collection add event, {@code event.<name>.add}.
	 * @param resourceName the collection's resource name
	 * @param value the added value
	 * @param idx the index it is inserted at
	 * @return completes when published
	 */
	CompletableFuture<Void> add(String resourceName, Object value, int idx);

	/**
	 * Sends a collection remove event, {@code event.<name>.remove}.
	 * @param resourceName the collection's resource name
	 * @param idx the index of the removed value
	 * @return completes when published
	 */
	CompletableFuture<Void> remove(String resourceName, int idx);

	/**
	 * Sends a create event, {@code event.<name>.create}.
	 * @param resourceName the resource name
	 * @return completes when published
	 */
	CompletableFuture<Void> create(String resourceName);

	/**
	 * Sends a delete event, {@code event.<name>.delete}: the resource is gone.
	 * @param resourceName the resource name
	 * @return completes when published
	 */
	CompletableFuture<Void> delete(String resourceName);

	/**
	 * Sends a reaccess event, {@code event.<name>.reaccess}: gateways check the clients' access again.
	 * @param resourceName the resource name
	 * @return completes when published
	 */
	CompletableFuture<Void> reaccess(String resourceName);

	/**
	 * Sends a custom event, {@code event.<name>.<event>}.
	 * @param resourceName the resource name
	 * @param event the event name; not one of the protocol's reserved names
	 * @param payload the payload (any JSON), or {@code null} for none
	 * @return completes when published
	 */
	CompletableFuture<Void> custom(String resourceName, String event, Object payload);

	/**
	 * Sends a query event for a query resource, {@code event.<name>.query}, with a temporary subject.
	 * For a while (the service's query event duration) gateways send one query request per cached query
	 * to that subject; each is handed to the handler on the resource's worker, which answers with the
	 * events for that query, or the full model or collection.
	 * @param resourceName the query resource's name (without query)
	 * @param handler answers the query requests
	 * @return completes when the event has been published
	 */
	CompletableFuture<Void> queryEvent(String resourceName, Consumer<QueryRequest> handler);

	/**
	 * Sets a connection's access token: {@code conn.<cid>.token}, published at once.
	 * @param cid the connection ID
	 * @param token the token, or {@code null} to clear it
	 */
	void token(String cid, Object token);

	/**
	 * Sets a connection's access token with a token ID, for {@link #tokenReset}; published at once.
	 * @param cid the connection ID
	 * @param token the token, or {@code null} to clear it
	 * @param tid the token ID, or {@code null}
	 */
	void token(String cid, Object token, String tid);

	/**
	 * Sends {@code system.reset}: gateways refetch the matching cached resources and recheck access.
	 * Nothing is sent if both lists are empty.
	 * @param resources resource name patterns ({@code *}, {@code >}) to refetch
	 * @param access resource name patterns whose access to recheck
	 */
	void reset(Collection<String> resources, Collection<String> access);

	/**
	 * Sends {@code system.reset} for all resources and access this service owns.
	 */
	void resetAll();

	/**
	 * Sends {@code system.tokenReset}: gateways send an auth request to {@code subject} for every
	 * connection whose token has one of the token IDs. Nothing is sent for an empty list.
	 * @param subject the auth subject, such as {@code auth.session.refresh}
	 * @param tids the token IDs
	 */
	void tokenReset(String subject, Collection<String> tids);

	/**
	 * Runs work in line with a resource's requests: after the requests already queued for it, and before
	 * the ones that come later. Events the work sends for the resource are published at once. Use it to
	 * change a resource's state from outside its handlers (a scheduler, a message listener).
	 * @param resourceName the resource name
	 * @param work the work
	 * @return completes when the work has run (exceptionally if it threw)
	 */
	CompletableFuture<Void> with(String resourceName, Runnable work);
}
