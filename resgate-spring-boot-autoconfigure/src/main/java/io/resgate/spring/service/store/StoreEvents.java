package io.resgate.spring.service.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.aopalliance.intercept.MethodInvocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.support.Repositories;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.events.QueryRequest;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.runtime.RegisteredResource;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.runtime.ResourceKind;

/**
 * Turns writes of store entities into the RES events of the {@link ResStore} resources they touch.
 *
 * <p>Started before the service: finds the {@code @ResStore} components among the registered ones and their
 * entities' repositories (failing the startup with a clear message if one is missing). From then on every
 * repository write of those entities is tracked in its transaction (see {@link ResStore}), and the events are
 * sent after the commit, from the committing thread, before the handler's response.
 *
 * <p>Several service instances on one database each send the events of their own writes. When another
 * writer may have interleaved (the difference of a collection involves entities this transaction did not
 * write, or a resource read again after the events were sent is not in the state they led to), a
 * {@code system.reset} for the resource follows after the settle delay: gateways fetch it again and converge
 * on the database's state.
 */
public final class StoreEvents implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service.store");

	/** Started just before the service, so that its writes are tracked as soon as it serves. */
	public static final int PHASE = ResServiceRegistry.PHASE - 1;

	private static final JsonNode ABSENT = MissingNode.getInstance();

	private final ResServiceRegistry registry;

	private final ListableBeanFactory beanFactory;

	private final StoreRepositoryPostProcessor repositoryHook;

	private final DatabaseExceptionHandler database;

	private final Duration settleDelay;

	private final Validator validator;

	private final Set<String> settling = ConcurrentHashMap.newKeySet();

	private final Map<String, List<Published>> published = new HashMap<>();

	private volatile Map<Class<?>, List<StoreResource>> byType = Map.of();

	private volatile Repositories repositories;

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean running;

	private boolean listeningToHibernate;

	/** The state a resource was last published in, compared by identity. */
	private static final class Published {

		final JsonNode state;

		Published(JsonNode state) {
			this.state = state;
		}
	}

	/**
	 * Creates the store's event source.
	 * @param registry the service whose {@code @ResStore} components are served
	 * @param beanFactory finds the Spring Data repositories
	 * @param repositoryHook the post-processor that hands repository calls to this
	 * @param database maps database failures and logs outages
	 * @param settleDelay how long after a possibly interleaved write the reset is sent
	 * @param validator validates entities before they are saved, or {@code null}
	 */
	public StoreEvents(ResServiceRegistry registry, ListableBeanFactory beanFactory,
			StoreRepositoryPostProcessor repositoryHook, DatabaseExceptionHandler database, Duration settleDelay,
			Validator validator) {
		this.registry = Objects.requireNonNull(registry);
		this.beanFactory = Objects.requireNonNull(beanFactory);
		this.repositoryHook = Objects.requireNonNull(repositoryHook);
		this.database = Objects.requireNonNull(database);
		this.settleDelay = Objects.requireNonNull(settleDelay);
		this.validator = validator;
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		Repositories repos = new Repositories(beanFactory);
		Map<Class<?>, List<StoreResource>> map = new HashMap<>();
		for (RegisteredResource r : registry.resources()) {
			ResStore store = AnnotatedElementUtils.findMergedAnnotation(r.componentType(), ResStore.class);
			if (store != null) {
				for (StoreResource sr : resources(r, store, repos)) {
					map.computeIfAbsent(sr.entityType(), k -> new ArrayList<>()).add(sr);
				}
			}
		}
		map.replaceAll((k, v) -> List.copyOf(v));
		this.repositories = repos;
		this.byType = Map.copyOf(map);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "res-store");
			t.setDaemon(true);
			return t;
		});
		running = true;
		repositoryHook.activate(this);
		if (DatabaseState.HIBERNATE && !listeningToHibernate) {
			HibernateWrites.listen(beanFactory, this);
			listeningToHibernate = true;
		}
		if (!map.isEmpty()) {
			logger.info("RES store resources: " + map.values().stream().flatMap(List::stream).toList());
		}
	}

	@SuppressWarnings("unchecked")
	private static List<StoreResource> resources(RegisteredResource r, ResStore store, Repositories repos) {
		String where = "@ResStore on bean '" + r.beanName() + "' (" + r.componentType().getName() + ")";
		if (r.kind() == ResourceKind.NONE) {
			throw new IllegalStateException(where + ": only @ResModel and @ResCollection components are store resources");
		}
		if (!r.servesGet()) {
			throw new IllegalStateException(where + " needs a @ResGet method: the store runs it to compute the events");
		}
		if (r.pattern().contains("*") || r.pattern().contains(">")) {
			throw new IllegalStateException(where + ": the pattern '" + r.pattern() + "' has wildcards; a store "
					+ "resource's pattern has at most one placeholder ($name) and no wildcards");
		}
		if (r.placeholders().size() > 1) {
			throw new IllegalStateException(where + ": the pattern '" + r.pattern() + "' has "
					+ r.placeholders().size() + " placeholders; a store resource's pattern has at most one");
		}
		if (store.value().length == 0) {
			throw new IllegalStateException(where + " names no entity type");
		}
		if (!store.key().isEmpty() && r.placeholders().isEmpty()) {
			throw new IllegalStateException(where + " sets key = \"" + store.key() + "\" but the pattern '"
					+ r.pattern() + "' has no placeholder");
		}
		List<StoreResource> list = new ArrayList<>();
		for (Class<?> type : store.value()) {
			if (!repos.hasRepositoryFor(type)) {
				throw new IllegalStateException(where + ": no Spring Data repository manages " + type.getName());
			}
			EntityInformation<Object, Object> info = repos.getEntityInformationFor(type);
			PersistentEntity<?, ? extends PersistentProperty<?>> entity = repos.getPersistentEntity(type);
			PersistentProperty<?> key = null;
			if (!store.key().isEmpty()) {
				key = entity.getPersistentProperty(store.key());
				if (key == null) {
					throw new IllegalStateException(where + ": " + type.getName() + " has no property '" + store.key() + "'");
				}
			}
			list.add(new StoreResource(r, type, info, entity, key));
		}
		return list;
	}

	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		repositoryHook.deactivate(this);
		scheduler.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * The repository of an entity type.
	 * @param type the entity type
	 * @return the repository
	 * @throws IllegalArgumentException if none manages the type
	 */
	CrudRepository<Object, Object> repository(Class<?> type) {
		Optional<Object> repo = requireRepositories().getRepositoryFor(type);
		if (repo.isEmpty() || !(repo.get() instanceof CrudRepository<?, ?>)) {
			throw new IllegalArgumentException("No Spring Data CrudRepository manages " + type.getName());
		}
		@SuppressWarnings("unchecked")
		CrudRepository<Object, Object> crud = (CrudRepository<Object, Object>) repo.get();
		return crud;
	}

	EntityInformation<Object, Object> entityInformation(Class<?> type) {
		return requireRepositories().getEntityInformationFor(type);
	}

	private Repositories requireRepositories() {
		Repositories repos = repositories;
		if (repos == null) {
			throw new IllegalStateException("The RES store is not started");
		}
		return repos;
	}

	/**
	 * Handles a repository call: tracks a write of store entities in its transaction.
	 * @param type the repository's entity type
	 * @param inv the call
	 * @return the call's result
	 * @throws Throwable what the call throws
	 */
	Object intercept(Class<?> type, MethodInvocation inv) throws Throwable {
		List<StoreResource> resources = byType.get(type);
		WriteKind kind = WriteKind.of(inv.getMethod(), inv.getArguments());
		if (resources == null || kind == WriteKind.READ) {
			return proceed(inv);
		}
		StoreTransaction tx = currentTransaction();
		boolean own = tx == null;
		if (own) {
			tx = new StoreTransaction(this);
		}
		EntityInformation<Object, Object> info = entityInformation(type);
		List<Object> items = (kind.many()) ? items(inv) : (kind == WriteKind.UNKNOWN) ? List.of()
				: java.util.Collections.singletonList(inv.getArguments()[0]);
		StoreTransaction current = tx;
		DatabaseState.read(() -> {
			touchBefore(current, kind, type, resources, items, inv.getThis());
			return null;
		});
		Object result = proceed(inv);
		if (kind == WriteKind.SAVE || kind == WriteKind.SAVE_ALL) {
			Iterable<?> saved = (kind == WriteKind.SAVE) ? java.util.Collections.singletonList(result)
					: (result instanceof Iterable<?> it) ? it : List.of();
			for (Object entity : saved) {
				if (entity != null) {
					for (StoreResource r : resources) {
						tx.touchNew(r, r.nameOf(entity));
					}
					tx.written(type, info.getId(entity));
				}
			}
		}
		if (own) {
			tx.readAfter();
			publish(tx);
		}
		return result;
	}

	/**
	 * Notes the resources a write touches and reads their states before it, as the database has them (see
	 * {@link DatabaseState}).
	 */
	private void touchBefore(StoreTransaction tx, WriteKind kind, Class<?> type, List<StoreResource> resources,
			List<Object> items, Object target) {
		EntityInformation<Object, Object> info = entityInformation(type);
		switch (kind) {
			case SAVE, SAVE_ALL -> {
				for (Object entity : items) {
					validate(entity);
					Object id = info.getId(entity);
					touch(tx, resources, (id == null) ? null : load(target, id));
					touch(tx, resources, entity);
					tx.written(type, id);
				}
			}
			case DELETE, DELETE_ALL -> {
				for (Object entity : items) {
					Object id = info.getId(entity);
					Object stored = (id == null) ? null : load(target, id);
					touch(tx, resources, (stored != null) ? stored : entity);
					tx.written(type, id);
				}
			}
			case DELETE_BY_ID, DELETE_ALL_BY_ID -> {
				for (Object id : items) {
					Object stored = load(target, id);
					if (stored != null) {
						touch(tx, resources, stored);
					}
					else {
						for (StoreResource r : resources) {
							tx.touch(r, r.nameOfId(id));
						}
					}
					tx.written(type, id);
				}
			}
			default -> tx.unknownWrite(type);
		}
	}

	/**
	 * Notes a write of an entity that Hibernate flushed: if no repository call of the transaction wrote the entity
	 * (a managed entity changed in place and never saved, an {@code EntityManager.remove}), the store could not
	 * follow it, and the resources of its type are reset after the commit.
	 * @param type the entity type
	 * @param id the entity's ID
	 */
	void flushed(Class<?> type, Object id) {
		if (!running || !byType.containsKey(type) || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		StoreTransaction tx = currentTransaction();
		if (id == null || !tx.wasWritten(type, String.valueOf(id))) {
			tx.unknownWrite(type);
		}
	}

	private static void touch(StoreTransaction tx, List<StoreResource> resources, Object entity) {
		for (StoreResource r : resources) {
			tx.touch(r, r.nameOf(entity));
		}
	}

	private List<Object> items(MethodInvocation inv) {
		Object arg = inv.getArguments()[0];
		List<Object> list = new ArrayList<>();
		if (arg instanceof Iterable<?> it) {
			it.forEach(list::add);
		}
		if (!(arg instanceof Collection<?>) && inv instanceof ProxyMethodInvocation pmi) {
			// a one-shot Iterable is read here: hand the repository the copy
			pmi.setArguments(list);
		}
		return list;
	}

	private Object proceed(MethodInvocation inv) throws Throwable {
		Object result = inv.proceed();
		database.available();
		return result;
	}

	private static Object load(Object repository, Object id) {
		if (repository instanceof CrudRepository<?, ?> crud) {
			@SuppressWarnings("unchecked")
			CrudRepository<Object, Object> c = (CrudRepository<Object, Object>) crud;
			return c.findById(id).orElse(null);
		}
		return null;
	}

	private void validate(Object entity) {
		if (validator == null || entity == null || !validator.supports(entity.getClass())) {
			return;
		}
		Errors errors = validator.validateObject(entity);
		if (errors.hasErrors()) {
			List<String> problems = new ArrayList<>();
			for (FieldError e : errors.getFieldErrors()) {
				problems.add(e.getField() + ": " + e.getDefaultMessage());
			}
			errors.getGlobalErrors().forEach(e -> problems.add(e.getDefaultMessage()));
			throw ResException.invalidParams(String.join("; ", problems));
		}
	}

	private StoreTransaction currentTransaction() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
			if (s instanceof StoreTransaction st && st.belongsTo(this)) {
				return st;
			}
		}
		StoreTransaction st = new StoreTransaction(this);
		TransactionSynchronizationManager.registerSynchronization(st);
		return st;
	}

	/**
	 * Reads a touched resource's state with its get handler, in the writing transaction. A get handler that fails
	 * leaves the state unknown (a reset is sent instead of events); a database that cannot be reached fails the
	 * write.
	 * @param t the resource
	 * @param before whether this is the state before the writes
	 */
	void read(StoreTransaction.Touched t, boolean before) {
		if (t.unknown) {
			return;
		}
		try {
			JsonNode value = registry.value(t.name).orElse(null);
			if (before) {
				t.before = value;
			}
			else {
				t.after = value;
			}
		}
		catch (RuntimeException ex) {
			if (DatabaseExceptionHandler.isUnavailable(ex)) {
				// the write cannot succeed either: fail it with the database's own error
				throw ex;
			}
			t.unknown = true;
			logger.warn("Cannot read " + t.name + " for its store events (" + ex + "); a system.reset is sent "
					+ "for it instead");
		}
	}

	/**
	 * Sends the events of a committed transaction.
	 * @param tx the transaction's writes
	 */
	void publish(StoreTransaction tx) {
		if (tx.isEmpty()) {
			return;
		}
		ResEvents events = registry.events();
		Set<String> resets = new LinkedHashSet<>();
		for (StoreTransaction.Touched t : tx.touched()) {
			boolean sent;
			try {
				sent = !t.unknown && (t.resource.isModel() ? publishModel(events, t) : publishCollection(events, t, tx));
			}
			catch (RuntimeException ex) {
				logger.error("Cannot send the store events of " + t.name + "; sending system.reset for it", ex);
				sent = false;
			}
			if (sent) {
				if (!Objects.equals(t.before, t.after)) {
					verifyLater(t.name, t.after);
				}
			}
			else {
				resets.add(t.name);
				settle(t.name);
			}
		}
		for (String name : tx.queries().keySet()) {
			events.queryEvent(name, this::answer);
		}
		for (Class<?> type : tx.unknownWrites()) {
			resets.addAll(resetPatterns(type));
		}
		if (!resets.isEmpty()) {
			events.reset(List.copyOf(resets), List.of());
		}
	}

	private static boolean publishModel(ResEvents events, StoreTransaction.Touched t) {
		if (t.before == null && t.after == null) {
			return true;
		}
		if (t.before == null) {
			events.create(t.name);
		}
		else if (t.after == null) {
			events.delete(t.name);
		}
		else {
			events.changeDiff(t.name, t.before, t.after);
		}
		return true;
	}

	private boolean publishCollection(ResEvents events, StoreTransaction.Touched t, StoreTransaction tx) {
		if (t.before == null && t.after == null) {
			return true;
		}
		if (t.before == null) {
			events.create(t.name);
			return true;
		}
		if (t.after == null) {
			events.delete(t.name);
			return true;
		}
		List<CollectionDiff.Op> ops = CollectionDiff.between(t.before, t.after);
		for (CollectionDiff.Op op : ops) {
			JsonNode value = op.add() ? op.value() : t.before.get(op.idx());
			if (!written(value, t.resource.entityType(), tx)) {
				logger.debug("The difference of " + t.name + " involves " + value
						+ ", not written in this transaction; sending system.reset instead of events");
				return false;
			}
		}
		for (CollectionDiff.Op op : ops) {
			if (op.add()) {
				events.add(t.name, op.value(), op.idx());
			}
			else {
				events.remove(t.name, op.idx());
			}
		}
		return true;
	}

	/**
	 * Tells if a collection value is explained by the transaction's writes: a reference to a store model of the
	 * collection's entity type must be to an entity the transaction wrote. Other values cannot be attributed and
	 * are taken as explained.
	 */
	private boolean written(JsonNode value, Class<?> entityType, StoreTransaction tx) {
		JsonNode rid = (value != null && value.isObject()) ? value.get("rid") : null;
		if (rid == null || !rid.isString()) {
			return true;
		}
		String name = rid.asString();
		int q = name.indexOf('?');
		if (q >= 0) {
			name = name.substring(0, q);
		}
		for (StoreResource r : byType.getOrDefault(entityType, List.of())) {
			if (r.isModel()) {
				String id = r.idIn(name);
				if (id != null) {
					return tx.wasWritten(entityType, id);
				}
			}
		}
		return true;
	}

	private void answer(QueryRequest request) {
		JsonNode value;
		try {
			value = registry.value(request.resourceName() + "?" + request.query()).orElse(null);
		}
		catch (ResException ex) {
			request.error(ex.getError());
			return;
		}
		if (value == null) {
			request.notFound();
		}
		else if (value.isArray()) {
			List<JsonNode> items = new ArrayList<>(value.size());
			value.forEach(items::add);
			request.collection(items);
		}
		else {
			request.model(value);
		}
	}

	/**
	 * After the events are out, reads the resource again: if it is in none of the states this instance has
	 * published for it since (later local writes explain a newer state), another writer interleaved and a reset
	 * follows.
	 */
	private void verifyLater(String name, JsonNode after) {
		Published p = new Published((after == null) ? ABSENT : after);
		synchronized (published) {
			published.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
		}
		execute(() -> {
			boolean explained = false;
			try {
				JsonNode now = registry.value(name).orElse(ABSENT);
				synchronized (published) {
					explained = published.get(name).stream().anyMatch(q -> q.state.equals(now));
				}
				if (!explained) {
					logger.debug(name + " changed after its events were sent; system.reset in " + settleDelay);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Cannot read " + name + " again after its events were sent: " + ex);
			}
			finally {
				synchronized (published) {
					List<Published> list = published.get(name);
					list.remove(p);
					if (list.isEmpty()) {
						published.remove(name);
					}
				}
			}
			if (!explained) {
				settle(name);
			}
		});
	}

	/**
	 * Tells if no published events wait to be verified and no reset waits for the settle delay: for tests.
	 * @return whether the store is quiet
	 */
	boolean isQuiet() {
		synchronized (published) {
			return published.isEmpty() && settling.isEmpty();
		}
	}

	/** Sends a reset for a resource after the settle delay, once however many times it is asked for meanwhile. */
	private void settle(String name) {
		if (!settling.add(name)) {
			return;
		}
		try {
			scheduler.schedule(() -> {
				settling.remove(name);
				registry.events().reset(List.of(name), List.of());
			}, settleDelay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			settling.remove(name);
		}
	}

	private void execute(Runnable work) {
		try {
			scheduler.execute(work);
		}
		catch (RejectedExecutionException ex) {
			// stopped
		}
	}

	/**
	 * Sends {@code system.reset} for the store resources of an entity type.
	 * @param type the entity type
	 */
	void reset(Class<?> type) {
		List<String> patterns = resetPatterns(type);
		if (!patterns.isEmpty()) {
			registry.events().reset(patterns, List.of());
		}
	}

	private List<String> resetPatterns(Class<?> type) {
		return byType.getOrDefault(type, List.of()).stream().map(r -> r.resource().resetPattern()).distinct().toList();
	}
}
