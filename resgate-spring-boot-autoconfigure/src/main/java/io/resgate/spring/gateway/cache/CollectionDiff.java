package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns one collection into another with as few remove and add steps as a longest common
 * subsequence allows. Removes come first, from the highest index down; adds follow in ascending
 * index order. Applying the steps in order to the old list gives the new one.
 *
 * <p>Where the changed stretch is too long for the longest common subsequence to be computed in
 * bounded memory, it is replaced as a whole: every old value in it removed, every new one added.
 */
public final class CollectionDiff {

	/**
	 * One step.
	 * @param add {@code true} for an add, {@code false} for a remove
	 * @param idx the index
	 * @param value the added value, or {@code null} for a remove
	 */
	public record Step(boolean add, int idx, ResValue value) {
	}

	/** The largest table the longest common subsequence is computed in: 1 Mi cells (4 MiB). */
	static final long MAX_CELLS = 1L << 20;

	private CollectionDiff() {
	}

	/**
	 * Computes the steps from {@code a} to {@code b} that never remove or add an anchor value, when
	 * both hold the same anchors in the same order: each stretch between two anchors is turned into
	 * its new form on its own, the last stretch first, so the indexes of earlier ones still hold.
	 * Otherwise it is {@link #diff}.
	 * @param a the old values
	 * @param b the new values
	 * @param anchor which values must stay, such as resource references
	 * @return the steps, empty if equal
	 */
	public static List<Step> diffAround(List<ResValue> a, List<ResValue> b, Predicate<ResValue> anchor) {
		List<Integer> anchorsA = anchors(a, anchor);
		List<Integer> anchorsB = anchors(b, anchor);
		if (anchorsA.isEmpty() && anchorsB.isEmpty()) {
			return diff(a, b);
		}
		if (anchorsA.size() != anchorsB.size()) {
			return diff(a, b);
		}
		for (int k = 0; k < anchorsA.size(); k++) {
			if (!a.get(anchorsA.get(k)).equals(b.get(anchorsB.get(k)))) {
				return diff(a, b);
			}
		}
		List<Step> steps = new ArrayList<>();
		for (int k = anchorsA.size(); k >= 0; k--) {
			int startA = (k == 0) ? 0 : anchorsA.get(k - 1) + 1;
			int endA = (k == anchorsA.size()) ? a.size() : anchorsA.get(k);
			int startB = (k == 0) ? 0 : anchorsB.get(k - 1) + 1;
			int endB = (k == anchorsB.size()) ? b.size() : anchorsB.get(k);
			for (Step s : diff(a.subList(startA, endA), b.subList(startB, endB))) {
				steps.add(new Step(s.add(), startA + s.idx(), s.value()));
			}
		}
		return steps;
	}

	private static List<Integer> anchors(List<ResValue> l, Predicate<ResValue> anchor) {
		List<Integer> idx = new ArrayList<>();
		for (int i = 0; i < l.size(); i++) {
			if (anchor.test(l.get(i))) {
				idx.add(i);
			}
		}
		return idx;
	}

	/**
	 * Computes the steps from {@code a} to {@code b}.
	 * @param a the old values
	 * @param b the new values
	 * @return the steps, empty if equal
	 */
	public static List<Step> diff(List<ResValue> a, List<ResValue> b) {
		int start = 0;
		int endA = a.size();
		int endB = b.size();
		while (start < endA && start < endB && a.get(start).equals(b.get(start))) {
			start++;
		}
		while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
			endA--;
			endB--;
		}
		int m = endA - start;
		int n = endB - start;
		List<Step> steps = new ArrayList<>();
		if (m == 0 && n == 0) {
			return steps;
		}
		if ((long) (m + 1) * (n + 1) > MAX_CELLS) {
			for (int k = endA - 1; k >= start; k--) {
				steps.add(new Step(false, k, null));
			}
			for (int k = start; k < endB; k++) {
				steps.add(new Step(true, k, b.get(k)));
			}
			return steps;
		}
		// lcs[i][j]: length of the LCS of the first i changed values of a and the first j of b
		int[][] lcs = new int[m + 1][n + 1];
		for (int i = 1; i <= m; i++) {
			for (int j = 1; j <= n; j++) {
				lcs[i][j] = a.get(start + i - 1).equals(b.get(start + j - 1)) ? lcs[i - 1][j - 1] + 1
						: Math.max(lcs[i - 1][j], lcs[i][j - 1]);
			}
		}
		// Walk back from the ends; on a tie, prefer treating the value of b as added.
		boolean[] keepA = new boolean[m];
		boolean[] keepB = new boolean[n];
		int i = m;
		int j = n;
		while (i > 0 || j > 0) {
			if (i > 0 && j > 0 && a.get(start + i - 1).equals(b.get(start + j - 1))) {
				keepA[--i] = true;
				keepB[--j] = true;
			}
			else if (j > 0 && (i == 0 || lcs[i][j - 1] >= lcs[i - 1][j])) {
				j--;
			}
			else {
				i--;
			}
		}
		for (int k = m - 1; k >= 0; k--) {
			if (!keepA[k]) {
				steps.add(new Step(false, start + k, null));
			}
		}
		for (int k = 0; k < n; k++) {
			if (!keepB[k]) {
				steps.add(new Step(true, start + k, b.get(start + k)));
			}
		}
		return steps;
	}
}
