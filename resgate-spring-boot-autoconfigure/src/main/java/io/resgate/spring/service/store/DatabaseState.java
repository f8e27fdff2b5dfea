package io.resgate.spring.service.store;

import java.util.function.Supplier;

import org.springframework.util.ClassUtils;

/**
 * Reads the state a write starts from as the database has it, not as a JPA persistence context holds it. With
 * JPA a write usually changes a managed entity in place and then saves it: read through the transaction's
 * {@code EntityManager}, the state "before" the save would already be the changed one. So with JPA on
 * Hibernate the reads run in a session of their own on the transaction's connection: they see what the
 * transaction has flushed so far, and none of the managed entities' pending changes. Without Hibernate (or
 * outside a JPA transaction) the reads run as they are.
 */
final class DatabaseState {

	/** Whether Hibernate and Spring ORM are on the class path. */
	static final boolean HIBERNATE = ClassUtils.isPresent("org.hibernate.Session",
			DatabaseState.class.getClassLoader())
			&& ClassUtils.isPresent("org.springframework.orm.jpa.EntityManagerHolder",
					DatabaseState.class.getClassLoader());

	private DatabaseState() {
	}

	/**
	 * Runs reads that must see the database's state, not the pending changes of managed JPA entities.
	 * @param <T> the result type
	 * @param reads the reads
	 * @return what the reads return
	 */
	static <T> T read(Supplier<T> reads) {
		return HIBERNATE ? HibernateFlushedState.read(reads) : reads.get();
	}
}
