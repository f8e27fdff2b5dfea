package io.resgate.spring.service.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.QueryResult;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.QueryParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;

/**
 * A service whose resources live in a database through {@code @ResStore}: a book model, the list of all
 * books, the books of one author, and a search query collection.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ StoreApp.BookModel.class, StoreApp.BookList.class, StoreApp.AuthorBooks.class, StoreApp.BookSearch.class })
public class StoreApp {

	/** The properties every store test context runs with. */
	public static final String[] PROPERTIES = { "--spring.sql.init.mode=always",
			"--spring.sql.init.schema-locations=classpath:store-schema.sql",
			"--spring.datasource.hikari.connection-timeout=1000", "--resgate.service.store.settle-delay=300ms" };

	/** The Spring Data module a store test application keeps its books with. */
	public enum Persistence {

		/** Spring Data JDBC: the application does not start JPA. */
		JDBC("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
				+ "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"),

		/** Spring Data JPA with Hibernate: the repositories are JPA's, the transactions JpaTransactionManager's. */
		JPA("org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration");

		private final String excluded;

		Persistence(String excluded) {
			this.excluded = excluded;
		}

		/** @return the properties that leave the other module's repositories out of the application */
		public String[] properties() {
			return new String[] { "--spring.autoconfigure.exclude=" + excluded };
		}
	}

	/** {@code store.book.$id}: a book. */
	@ResModel("store.book.$id")
	@ResStore(StoreBook.class)
	public static class BookModel {

		private final StoreBookRepository books;

		private final EntityStore store;

		public BookModel(StoreBookRepository books, EntityStore store) {
			this.books = books;
			this.store = store;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Optional<StoreBook> get(@PathParam("id") long id) {
			return books.findById(id);
		}

		@ResCall("set")
		void set(@PathParam("id") long id, @ResParams Map<String, String> params) {
			// changes the entity read (with JPA, the managed one) in place
			store.update(StoreBook.class, id, b -> {
				b.setTitle(params.getOrDefault("title", b.getTitle()));
				b.setAuthor(params.getOrDefault("author", b.getAuthor()));
				return b;
			});
		}
	}

	/** {@code store.books}: all books, by ID. */
	@ResCollection("store.books")
	@ResStore(StoreBook.class)
	public static class BookList {

		private final StoreBookRepository books;

		private final EntityStore store;

		public BookList(StoreBookRepository books, EntityStore store) {
			this.books = books;
			this.store = store;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		List<ResRef> get() {
			return books.findAll(Sort.by("id")).stream().map(b -> ResRef.of(b.rid())).toList();
		}

		@ResCall("new")
		ResRef create(@ResParams Map<String, String> params) {
			return ResRef.of(books.save(new StoreBook(null, params.get("title"), params.get("author"))).rid());
		}

		/** Saves a book, then fails if asked to: the transaction rolls back. */
		@ResCall("newThenFail")
		void createThenFail(@ResParams Map<String, String> params) {
			store.inTransaction(() -> {
				books.save(new StoreBook(null, params.get("title"), params.get("author")));
				throw ResException.invalidParams("Rolled back on purpose");
			});
		}

		@ResCall("delete")
		boolean delete(@ResParams JsonNode params) {
			return store.delete(StoreBook.class, params.path("id").asString());
		}
	}

	/** {@code store.author.$author.books}: the books of one author, by ID. */
	@ResCollection("store.author.$author.books")
	@ResStore(value = StoreBook.class, key = "author")
	public static class AuthorBooks {

		private final StoreBookRepository books;

		public AuthorBooks(StoreBookRepository books) {
			this.books = books;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		List<ResRef> get(@PathParam("author") String author) {
			return books.findByAuthorOrderById(author).stream().map(b -> ResRef.of(b.rid())).toList();
		}
	}

	/** {@code store.search?q=...&limit=...}: books whose title contains a text. */
	@ResCollection(value = "store.search", query = true)
	@ResStore(StoreBook.class)
	public static class BookSearch {

		private final StoreBookRepository books;

		public BookSearch(StoreBookRepository books) {
			this.books = books;
		}

		@ResAccess
		Access access() {
			return Access.readOnly();
		}

		@ResGet
		QueryResult<List<ResRef>> get(@QueryParam(defaultValue = "") String q, @QueryParam(defaultValue = "10") int limit) {
			if (limit < 1 || limit > 50) {
				throw ResException.invalidQuery();
			}
			String text = q.trim().toLowerCase();
			String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			List<ResRef> refs = books.search(pattern, limit).stream().map(b -> ResRef.of(b.rid())).toList();
			return QueryResult.of(refs, "q=" + text + "&limit=" + limit);
		}
	}
}
