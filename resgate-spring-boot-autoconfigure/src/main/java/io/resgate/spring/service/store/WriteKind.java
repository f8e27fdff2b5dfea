package io.resgate.spring.service.store;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * What a repository method does to the entities, told from its name and arguments (the methods of
 * {@code CrudRepository}, {@code ListCrudRepository} and {@code JpaRepository}).
 */
enum WriteKind {

	/** A read: nothing to track. */
	READ(false),
	/** {@code save(entity)}, {@code saveAndFlush(entity)}. */
	SAVE(false),
	/** {@code saveAll(entities)}, {@code saveAllAndFlush(entities)}. */
	SAVE_ALL(true),
	/** {@code delete(entity)}. */
	DELETE(false),
	/** {@code deleteAll(entities)}, {@code deleteAllInBatch(entities)}, {@code deleteInBatch(entities)}. */
	DELETE_ALL(true),
	/** {@code deleteById(id)}. */
	DELETE_BY_ID(false),
	/** {@code deleteAllById(ids)}, {@code deleteAllByIdInBatch(ids)}. */
	DELETE_ALL_BY_ID(true),
	/**
	 * A write whose entities are not known: {@code deleteAll()}, derived {@code deleteBy...}/{@code removeBy...}
	 * queries, {@code @Modifying} queries.
	 */
	UNKNOWN(false);

	private final boolean many;

	WriteKind(boolean many) {
		this.many = many;
	}

	/** @return whether the argument is an {@code Iterable} of entities or IDs */
	boolean many() {
		return many;
	}

	static WriteKind of(Method method, Object[] args) {
		String name = method.getName();
		if (args.length == 1) {
			boolean iterable = args[0] instanceof Iterable<?>;
			switch (name) {
				case "save", "saveAndFlush":
					return SAVE;
				case "saveAll", "saveAllAndFlush":
					return iterable ? SAVE_ALL : UNKNOWN;
				case "delete":
					return DELETE;
				case "deleteById":
					return DELETE_BY_ID;
				case "deleteAll", "deleteAllInBatch", "deleteInBatch":
					return iterable ? DELETE_ALL : UNKNOWN;
				case "deleteAllById", "deleteAllByIdInBatch":
					return iterable ? DELETE_ALL_BY_ID : UNKNOWN;
				default:
					break;
			}
		}
		if (name.startsWith("delete") || name.startsWith("remove") || isModifying(method)) {
			return UNKNOWN;
		}
		return READ;
	}

	private static boolean isModifying(Method method) {
		for (Annotation a : method.getAnnotations()) {
			if (a.annotationType().getSimpleName().equals("Modifying")) {
				return true;
			}
		}
		return false;
	}
}
