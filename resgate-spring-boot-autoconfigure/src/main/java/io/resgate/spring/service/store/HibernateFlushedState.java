package io.resgate.spring.service.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link DatabaseState} reads with Hibernate: while they run, each {@code EntityManager} of the current
 * transaction is replaced by a child session on the same connection and transaction, read-only and never
 * flushed, with an empty persistence context. Loaded only when Hibernate and Spring ORM are on the class path.
 */
final class HibernateFlushedState {

	private HibernateFlushedState() {
	}

	/** An EntityManager of the transaction, and the child session that stands in for it. */
	private record Replaced(Object key, EntityManagerHolder original, Session child) {
	}

	static <T> T read(Supplier<T> reads) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return reads.get();
		}
		List<Map.Entry<Object, EntityManagerHolder>> bound = new ArrayList<>();
		for (Map.Entry<Object, Object> e : TransactionSynchronizationManager.getResourceMap().entrySet()) {
			if (e.getValue() instanceof EntityManagerHolder holder && holder.getEntityManager() != null) {
				bound.add(Map.entry(e.getKey(), holder));
			}
		}
		if (bound.isEmpty()) {
			return reads.get();
		}
		List<Replaced> replaced = new ArrayList<>(bound.size());
		try {
			for (Map.Entry<Object, EntityManagerHolder> e : bound) {
				Session session = session(e.getValue().getEntityManager());
				if (session == null) {
					continue;
				}
				Session child = session.sessionWithOptions()
					.connection()
					.autoClose(false)
					.flushMode(FlushMode.MANUAL)
					.openSession();
				child.setDefaultReadOnly(true);
				EntityManagerHolder stand = new StandIn(child);
				TransactionSynchronizationManager.unbindResource(e.getKey());
				TransactionSynchronizationManager.bindResource(e.getKey(), stand);
				replaced.add(new Replaced(e.getKey(), e.getValue(), child));
			}
			return reads.get();
		}
		finally {
			for (Replaced r : replaced) {
				TransactionSynchronizationManager.unbindResource(r.key());
				TransactionSynchronizationManager.bindResource(r.key(), r.original());
				r.child().close();
			}
		}
	}

	/**
	 * The child session, bound as the transaction's EntityManager: repository calls join the transaction (as
	 * they join the original) and register no synchronization of their own; it is closed here.
	 */
	private static final class StandIn extends EntityManagerHolder {

		StandIn(Session child) {
			super(child);
			setTransactionActive(true);
			setSynchronizedWithTransaction(true);
		}
	}

	private static Session session(EntityManager em) {
		if (!em.isOpen()) {
			return null;
		}
		try {
			return em.unwrap(Session.class);
		}
		catch (PersistenceException ex) {
			// not Hibernate
			return null;
		}
	}
}
