package io.resgate.spring.service.store;

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
}
