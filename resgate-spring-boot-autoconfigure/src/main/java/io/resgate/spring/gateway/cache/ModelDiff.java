package io.resgate.spring.gateway.cache;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The change that turns one model into another: the values that differ, and a delete action for
 * every key the new model no longer has.
 */
public final class ModelDiff {

	private ModelDiff() {
	}

	/**
	 * Computes the changed values from {@code a} to {@code b}.
	 * @param a the old values
	 * @param b the new values
	 * @return the changed values, key-sorted, with {@link ResValue#DELETE} for removed keys; empty if equal
	 */
	public static Map<String, ResValue> diff(Map<String, ResValue> a, Map<String, ResValue> b) {
		if (a == b) {
			return Map.of();
		}
		TreeMap<String, ResValue> changed = new TreeMap<>();
		for (Map.Entry<String, ResValue> e : b.entrySet()) {
			if (!e.getValue().equals(a.get(e.getKey()))) {
				changed.put(e.getKey(), e.getValue());
			}
		}
		for (String k : a.keySet()) {
			if (!b.containsKey(k)) {
				changed.put(k, ResValue.DELETE);
			}
		}
		return Collections.unmodifiableMap(changed);
	}
}
