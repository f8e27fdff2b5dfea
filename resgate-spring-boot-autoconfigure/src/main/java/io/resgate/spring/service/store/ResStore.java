package io.resgate.spring.service.store;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@code @ResModel} or {@code @ResCollection} component live from a database: the resource shows
 * entities kept in a Spring Data repository (JDBC or JPA), and every write of those entities, through the
 * repository or the {@link EntityStore}, sends the resource's events after the transaction commits.
 *
 * <pre>
 * &#64;ResModel("library.book.$id")
 * &#64;ResStore(Book.class)
 * class BookModel {
 *     &#64;ResGet
 *     Optional&lt;Book&gt; get(&#64;PathParam("id") long id) { return books.findById(id); }
 * }
 * </pre>
 *
 * <p>The component's get handler is the one definition of the resource: for each write, the store runs it in
 * the transaction before the first write and again just before the commit, and after the commit sends the
 * difference: a {@code change} event for a model ({@code create} and {@code delete} when it appears or
 * disappears), {@code add} and {@code remove} events for a collection. A query resource
 * ({@code query = true}) gets a query event instead; the gateways' query requests are answered by running
 * the get handler again with each query. A rollback sends nothing.
 *
 * <p>Which resources a write touches: a pattern without placeholders ({@code library.books}) is touched by
 * every write of the entity type; a pattern with one placeholder ({@code library.book.$id}) by the entities
 * whose ID (or {@link #key()} property), before or after the write, fills the placeholder.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResStore {

	/**
	 * The entity types the resource shows, each managed by a Spring Data repository.
	 * @return the entity types
	 */
	Class<?>[] value();

	/**
	 * The entity property whose value fills the pattern's placeholder, such as {@code "author"} for
	 * {@code library.author.$author.books}. Empty for the entity's ID. Not used when the pattern has no
	 * placeholder.
	 * @return the property name
	 */
	String key() default "";
}
