package io.resgate.spring.service.store;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.data.repository.CrudRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.resgate.spring.protocol.ResException;

/**
 * The {@link EntityStore} over the Spring Data repositories, with transactions from the application's
 * transaction manager.
 */
public final class DefaultEntityStore implements EntityStore {

	private final StoreEvents store;

	private final TransactionTemplate transactions;

	private final ConversionService conversion;

	/**
	 * Creates the store API.
	 * @param store finds the repositories and sends the resets
	 * @param transactionManager the transaction manager, or {@code null} to run without transactions
	 * @param conversion converts IDs given as other types (such as Strings) to the entities' ID types
	 */
	public DefaultEntityStore(StoreEvents store, PlatformTransactionManager transactionManager,
			ConversionService conversion) {
		this.store = Objects.requireNonNull(store);
		this.transactions = (transactionManager == null) ? null : new TransactionTemplate(transactionManager);
		this.conversion = Objects.requireNonNull(conversion);
	}

	@Override
	public <T> Optional<T> find(Class<T> type, Object id) {
		Object key = id(type, id);
		if (key == null) {
			return Optional.empty();
		}
		return store.repository(type).findById(key).map(type::cast);
	}

	@Override
	public <T> T save(T entity) {
		Objects.requireNonNull(entity, "entity");
		@SuppressWarnings("unchecked")
		T saved = (T) store.repository(entity.getClass()).save(entity);
		return saved;
	}

	@Override
	public <T> T update(Class<T> type, Object id, UnaryOperator<T> change) {
		return inTransaction(() -> {
			T current = find(type, id).orElseThrow(ResException::notFound);
			T changed = change.apply(current);
			return (changed == null) ? current : save(changed);
		});
	}

	@Override
	public boolean delete(Class<?> type, Object id) {
		return inTransaction(() -> {
			Object key = id(type, id);
			CrudRepository<Object, Object> repository = store.repository(type);
			if (key == null || !repository.existsById(key)) {
				return false;
			}
			repository.deleteById(key);
			return true;
		});
	}

	@Override
	public <R> R inTransaction(Supplier<R> work) {
		return (transactions == null) ? work.get() : transactions.execute(status -> work.get());
	}

	@Override
	public void reset(Class<?> type) {
		store.reset(type);
	}

	private Object id(Class<?> type, Object id) {
		if (id == null) {
			return null;
		}
		Class<?> idType = store.entityInformation(type).getIdType();
		if (idType.isInstance(id)) {
			return id;
		}
		try {
			return conversion.convert(id, idType);
		}
		catch (ConversionException | IllegalArgumentException ex) {
			return null;
		}
	}
}
