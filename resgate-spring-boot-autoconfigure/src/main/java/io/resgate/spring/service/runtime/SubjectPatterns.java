package io.resgate.spring.service.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Subject patterns with NATS wildcards: which one covers which, to subscribe only once per subject.
 */
final class SubjectPatterns {

	private SubjectPatterns() {
	}

	/**
	 * Tells if every subject matched by {@code b} is also matched by {@code a}.
	 * @param a the covering pattern
	 * @param b the covered pattern
	 * @return whether {@code a} covers {@code b}
	 */
	static boolean covers(String a, String b) {
		String[] x = a.split("\\.");
		String[] y = b.split("\\.");
		for (int i = 0; i < x.length; i++) {
			if (x[i].equals(">")) {
				return i < y.length;
			}
			if (i >= y.length) {
				return false;
			}
			if (y[i].equals(">")) {
				return false;
			}
			if (x[i].equals("*")) {
				continue;
			}
			if (!x[i].equals(y[i])) {
				return false;
			}
		}
		return x.length == y.length;
	}

	/**
	 * Removes duplicates and patterns covered by another one, keeping the order.
	 * @param patterns the patterns
	 * @return the minimal list
	 */
	static List<String> minimal(List<String> patterns) {
		List<String> unique = new ArrayList<>(new LinkedHashSet<>(patterns));
		List<String> result = new ArrayList<>();
		outer: for (int i = 0; i < unique.size(); i++) {
			for (int j = 0; j < unique.size(); j++) {
				if (i != j && covers(unique.get(j), unique.get(i))) {
					continue outer;
				}
			}
			result.add(unique.get(i));
		}
		return result;
	}
}
