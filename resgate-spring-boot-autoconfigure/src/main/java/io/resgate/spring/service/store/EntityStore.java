package io.resgate.spring.service.store;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The store API: reads and writes of entities kept in Spring Data repositories, each write in a transaction
 * (joining the caller's, if any), with the RES events of the {@link ResStore} resources it touches sent after
 * the commit. Inject it into your components; writing through the repositories themselves sends the same
 * events.
 *
 * <p>Failures come as RES errors when they reach a handler: an unknown ID is {@code system.notFound}, an
 * entity that Bean Validation rejects or that violates a database constraint is
 * {@code system.invalidParams} with a message saying why, and a database that cannot be reached is
 * {@code system.internalError}.
 */
public interface EntityStore {

	/**
	 * Reads an entity.
	 * @param <T> the entity type
	 * @param type the entity type
	 * @param id the ID, or a value converted to the ID type (such as the String of a path placeholder)
	 * @return the entity, or empty if there is none with that ID (or the ID cannot be converted)
	 */
	<T> Optional<T> find(Class<T> type, Object id);

	/**
	 * Creates or updates an entity, as the repository's {@code save} does.
	 * @param <T> the entity type
	 * @param entity the entity
	 * @return the saved entity (with its generated ID)
	 */
	<T> T save(T entity);

	/**
	 * Reads an entity, changes it and saves the result, in one transaction.
	 * @param <T> the entity type
	 * @param type the entity type
	 * @param id the ID, or a value converted to the ID type
	 * @param change returns the changed entity (a new instance, or the same one changed); {@code null} saves
	 * nothing
	 * @return the saved entity
	 * @throws io.resgate.spring.protocol.ResException {@code system.notFound} if there is no such entity
	 */
	<T> T update(Class<T> type, Object id, UnaryOperator<T> change);

	/**
	 * Deletes an entity.
	 * @param type the entity type
	 * @param id the ID, or a value converted to the ID type
	 * @return whether there was such an entity
	 */
	boolean delete(Class<?> type, Object id);

	/**
	 * Runs work in one transaction (joining the caller's, if any): the events of all its writes are sent after
	 * the commit, none if it throws and rolls back.
	 * @param <R> the result type
	 * @param work the work
	 * @return what the work returns
	 */
	<R> R inTransaction(Supplier<R> work);

	/**
	 * Sends {@code system.reset} for every {@link ResStore} resource of an entity type, so that gateways fetch
	 * them again: after writes the store cannot see, such as bulk SQL updates or another application writing to
	 * the database.
	 * @param type the entity type
	 */
	void reset(Class<?> type);
}
