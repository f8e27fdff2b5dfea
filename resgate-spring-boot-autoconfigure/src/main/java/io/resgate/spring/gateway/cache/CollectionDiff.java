package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one collection into another with as few remove and add steps as a longest common
 * subsequence allows. Removes come first, from the highest index down; adds follow in ascending
 * index order. Applying the steps in order to the old list gives the new one.
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

	private CollectionDiff() {
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
