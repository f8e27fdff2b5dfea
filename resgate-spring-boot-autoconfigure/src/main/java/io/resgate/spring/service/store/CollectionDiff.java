package io.resgate.spring.service.store;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The add and remove events that turn one state of a collection into another: the values outside a longest
 * common subsequence are removed (highest index first), then the new ones are added (lowest index first),
 * so that each event's index is valid when it is applied.
 */
final class CollectionDiff {

	/** Largest table the longest common subsequence is computed with; a longer changed stretch is replaced whole. */
	static final long MAX_CELLS = 4_000_000;

	/**
	 * One event.
	 * @param add whether it adds (or removes) a value
	 * @param idx the index
	 * @param value the added value, or {@code null} for a remove
	 */
	record Op(boolean add, int idx, JsonNode value) {
	}

	private CollectionDiff() {
	}

	static List<Op> between(JsonNode before, JsonNode after) {
		int m = before.size();
		int n = after.size();
		int start = 0;
		while (start < m && start < n && before.get(start).equals(after.get(start))) {
			start++;
		}
		int endA = m;
		int endB = n;
		while (endA > start && endB > start && before.get(endA - 1).equals(after.get(endB - 1))) {
			endA--;
			endB--;
		}
		int rows = endA - start;
		int cols = endB - start;
		boolean[] keepA = new boolean[rows];
		boolean[] keepB = new boolean[cols];
		if ((long) (rows + 1) * (cols + 1) <= MAX_CELLS) {
			// lcs[i * (cols + 1) + j]: length of the longest common subsequence of before[start+i..endA) and
			// after[start+j..endB)
			int w = cols + 1;
			int[] lcs = new int[(rows + 1) * w];
			for (int i = rows - 1; i >= 0; i--) {
				for (int j = cols - 1; j >= 0; j--) {
					lcs[i * w + j] = before.get(start + i).equals(after.get(start + j)) ? lcs[(i + 1) * w + j + 1] + 1
							: Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
				}
			}
			int i = 0;
			int j = 0;
			while (i < rows && j < cols) {
				if (before.get(start + i).equals(after.get(start + j))) {
					keepA[i++] = true;
					keepB[j++] = true;
				}
				else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
					i++;
				}
				else {
					j++;
				}
			}
		}
		List<Op> ops = new ArrayList<>();
		for (int i = rows - 1; i >= 0; i--) {
			if (!keepA[i]) {
				ops.add(new Op(false, start + i, null));
			}
		}
		for (int j = 0; j < cols; j++) {
			if (!keepB[j]) {
				ops.add(new Op(true, start + j, after.get(start + j)));
			}
		}
		return ops;
	}
}
