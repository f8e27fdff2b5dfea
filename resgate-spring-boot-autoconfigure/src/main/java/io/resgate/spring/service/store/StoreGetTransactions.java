package io.resgate.spring.service.store;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.resgate.spring.service.QueryResult;
import io.resgate.spring.service.ResResponse;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.runtime.ResHandlerInterceptor;
import io.resgate.spring.service.runtime.ResHandlerInvocation;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Runs the get handlers of {@link ResStore} components in a read-only transaction, and turns their values into
 * JSON before it ends: with JPA, what the value reaches through lazy associations is loaded while the
 * persistence context is still open, and a handler's several queries see one state. A get handler run inside
 * a transaction already (the store's reads around a write) joins it. Handlers returning a
 * {@link CompletionStage}, or a {@code ResResponse}, run as they are.
 */
public final class StoreGetTransactions implements ResHandlerInterceptor {

	private final TransactionTemplate transactions;

	private final ResServiceRegistry registry;

	/**
	 * Creates the interceptor.
	 * @param transactionManager the application's transaction manager
	 * @param registry turns the values into JSON as the responses carry them
	 */
	public StoreGetTransactions(PlatformTransactionManager transactionManager, ResServiceRegistry registry) {
		this.transactions = new TransactionTemplate(Objects.requireNonNull(transactionManager));
		this.transactions.setReadOnly(true);
		this.registry = Objects.requireNonNull(registry);
	}

	@Override
	public boolean appliesTo(Method method, Class<?> componentType) {
		return AnnotatedElementUtils.hasAnnotation(componentType, ResStore.class)
				&& AnnotatedElementUtils.hasAnnotation(method, ResGet.class)
				&& !CompletionStage.class.isAssignableFrom(method.getReturnType());
	}

	@Override
	public Object intercept(ResHandlerInvocation invocation) throws Throwable {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// the store's reads in a writing transaction: a failure must not mark it rollback-only
			return json(invocation.proceed());
		}
		try {
			return transactions.execute(status -> {
				try {
					return json(invocation.proceed());
				}
				catch (RuntimeException | Error ex) {
					throw ex;
				}
				catch (Throwable ex) {
					throw new Checked(ex);
				}
			});
		}
		catch (Checked ex) {
			throw ex.getCause();
		}
	}

	/** A checked exception of a handler, through the transaction template. */
	private static final class Checked extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Checked(Throwable cause) {
			super(cause);
		}
	}

	private Object json(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Optional<?> o) {
			return o.map(this::json);
		}
		if (value instanceof QueryResult<?> qr) {
			return QueryResult.of(json(qr.value()), qr.query());
		}
		if (value instanceof ResResponse<?>) {
			return value;
		}
		return registry.toJson(value);
	}
}
