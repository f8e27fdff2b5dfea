package io.resgate.spring.service.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Hands the store the updates and deletes Hibernate flushes, so that a managed entity changed in place and
 * never saved (written by dirty checking at the commit), or removed through the {@code EntityManager}, resets
 * its type's resources instead of going unseen. Loaded only when Hibernate is on the class path.
 */
final class HibernateWrites implements PostUpdateEventListener, PostDeleteEventListener {

	private final StoreEvents store;

	private HibernateWrites(StoreEvents store) {
		this.store = store;
	}

	/**
	 * Listens to the flushes of every Hibernate {@code EntityManagerFactory} of the application.
	 * @param beanFactory finds the factories
	 * @param store the store
	 */
	static void listen(ListableBeanFactory beanFactory, StoreEvents store) {
		HibernateWrites listener = new HibernateWrites(store);
		for (EntityManagerFactory emf : beanFactory.getBeansOfType(EntityManagerFactory.class, false, false).values()) {
			SessionFactoryImplementor sessions;
			try {
				sessions = emf.unwrap(SessionFactoryImplementor.class);
			}
			catch (PersistenceException ex) {
				// not Hibernate
				continue;
			}
			sessions.getEventListenerRegistry().appendListeners(EventType.POST_UPDATE, listener);
			sessions.getEventListenerRegistry().appendListeners(EventType.POST_DELETE, listener);
		}
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		store.flushed(event.getPersister().getMappedClass(), event.getId());
	}

	@Override
	public void onPostDelete(PostDeleteEvent event) {
		store.flushed(event.getPersister().getMappedClass(), event.getId());
	}

	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return false;
	}
}
