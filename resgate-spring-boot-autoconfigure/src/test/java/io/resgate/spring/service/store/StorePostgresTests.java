package io.resgate.spring.service.store;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.resgate.spring.test.PostgresServerExtension;

/**
 * The store on a real PostgreSQL server.
 */
class StorePostgresTests extends AbstractStoreTests {

	@RegisterExtension
	static final PostgresServerExtension postgres = new PostgresServerExtension();

	@Override
	TestDatabase database() {
		return new TestDatabase.Postgres(postgres);
	}

	@Test
	void aDuplicateSaysWhichConstraintAndWhichKeyInPostgresWords() {
		client.call("store.books", "new", Map.of("title", "Coraline", "author", "someone"))
			.assertError("system.invalidParams", "Already exists: duplicate key value violates unique constraint "
					+ "\"store_book_title_key\" (Key (title)=(Coraline) already exists.)");
	}
}
