package io.resgate.spring.service.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;

/**
 * The store writes of one transaction: the states of the resources they touch before the first write and
 * just before the commit, and what was written. Sends the events after the commit, nothing on a rollback.
 */
final class StoreTransaction implements TransactionSynchronization {

	/** A touched model or collection. */
	static final class Touched {

		final StoreResource resource;

		final String name;

		JsonNode before;

		JsonNode after;

		/** Whether a state could not be read: the events cannot be computed and a reset is sent instead. */
		boolean unknown;

		Touched(StoreResource resource, String name) {
			this.resource = resource;
			this.name = name;
		}
	}

	private final StoreEvents store;

	private final Map<String, Touched> touched = new LinkedHashMap<>();

	private final Map<String, StoreResource> queries = new LinkedHashMap<>();

	private final Map<Class<?>, Set<String>> writtenIds = new HashMap<>();

	private final Set<Class<?>> unknownWrites = new LinkedHashSet<>();

	StoreTransaction(StoreEvents store) {
		this.store = store;
	}

	boolean belongsTo(StoreEvents owner) {
		return store == owner;
	}

	/**
	 * Notes a resource a write touches, reading its state before the write if it was not touched before.
	 * @param resource the store resource
	 * @param name the resource name
	 */
	void touch(StoreResource resource, String name) {
		if (name == null) {
			return;
		}
		if (resource.isQuery()) {
			queries.putIfAbsent(name, resource);
			return;
		}
		if (!touched.containsKey(name)) {
			Touched t = new Touched(resource, name);
			touched.put(name, t);
			store.read(t, true);
		}
	}

	/**
	 * Notes a resource of an entity that did not exist before the write (its name was only known after).
	 * @param resource the store resource
	 * @param name the resource name
	 */
	void touchNew(StoreResource resource, String name) {
		if (name == null) {
			return;
		}
		if (resource.isQuery()) {
			queries.putIfAbsent(name, resource);
			return;
		}
		touched.putIfAbsent(name, new Touched(resource, name));
	}

	void written(Class<?> type, Object id) {
		if (id != null) {
			writtenIds.computeIfAbsent(type, k -> new HashSet<>()).add(String.valueOf(id));
		}
	}

	boolean wasWritten(Class<?> type, String id) {
		Set<String> ids = writtenIds.get(type);
		return ids != null && ids.contains(id);
	}

	void unknownWrite(Class<?> type) {
		unknownWrites.add(type);
	}

	/** Reads the states after the writes, in the transaction. */
	void readAfter() {
		for (Touched t : touched.values()) {
			store.read(t, false);
		}
	}

	/** @return the touched models, then the touched collections */
	List<Touched> touched() {
		List<Touched> list = new ArrayList<>();
		touched.values().stream().filter(t -> t.resource.isModel()).forEach(list::add);
		touched.values().stream().filter(t -> !t.resource.isModel()).forEach(list::add);
		return list;
	}

	Map<String, StoreResource> queries() {
		return queries;
	}

	Set<Class<?>> unknownWrites() {
		return unknownWrites;
	}

	boolean isEmpty() {
		return touched.isEmpty() && queries.isEmpty() && unknownWrites.isEmpty();
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		readAfter();
	}

	@Override
	public void afterCommit() {
		store.publish(this);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
