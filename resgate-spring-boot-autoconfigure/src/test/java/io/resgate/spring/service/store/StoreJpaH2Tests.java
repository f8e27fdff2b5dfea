package io.resgate.spring.service.store;

/**
 * The store with Spring Data JPA (Hibernate) on H2.
 */
class StoreJpaH2Tests extends StoreH2Tests {

	@Override
	StoreApp.Persistence persistence() {
		return StoreApp.Persistence.JPA;
	}
}
