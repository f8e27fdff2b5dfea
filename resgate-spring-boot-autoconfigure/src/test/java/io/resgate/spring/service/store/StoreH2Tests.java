package io.resgate.spring.service.store;

/**
 * The store on H2, run as a TCP server so that it can be stopped and started again.
 */
class StoreH2Tests extends AbstractStoreTests {

	@Override
	TestDatabase database() throws Exception {
		return new TestDatabase.H2();
	}
}
