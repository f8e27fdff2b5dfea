package io.resgate.spring.service.store;

/**
 * The store with Spring Data JPA (Hibernate) on a real PostgreSQL server.
 */
class StoreJpaPostgresTests extends StorePostgresTests {

	@Override
	StoreApp.Persistence persistence() {
		return StoreApp.Persistence.JPA;
	}
}
