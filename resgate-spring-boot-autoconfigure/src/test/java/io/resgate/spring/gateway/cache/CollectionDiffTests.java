package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionDiffTests {

	private static List<ResValue> values(String s) {
		List<ResValue> l = new ArrayList<>();
		for (char c : s.toCharArray()) {
			l.add(new ResValue(ResValue.Kind.PRIMITIVE, null, JsonNodeFactory.instance.stringNode(String.valueOf(c))));
		}
		return l;
	}

	private static List<ResValue> apply(List<ResValue> a, List<CollectionDiff.Step> steps) {
		List<ResValue> l = new ArrayList<>(a);
		for (CollectionDiff.Step s : steps) {
			if (s.add()) {
				l.add(s.idx(), s.value());
			}
			else {
				l.remove(s.idx());
			}
		}
		return l;
	}

	@Test
	void equalCollectionsGiveNoSteps() {
		assertThat(CollectionDiff.diff(values("abc"), values("abc"))).isEmpty();
		assertThat(CollectionDiff.diff(values(""), values(""))).isEmpty();
	}

	@Test
	void singleAddAndRemove() {
		assertThat(CollectionDiff.diff(values("ac"), values("abc")))
			.containsExactly(new CollectionDiff.Step(true, 1, values("b").get(0)));
		assertThat(CollectionDiff.diff(values("abc"), values("ac")))
			.containsExactly(new CollectionDiff.Step(false, 1, null));
	}

	@Test
	void removesComeFirstFromTheHighestIndexThenAddsAscending() {
		List<CollectionDiff.Step> steps = CollectionDiff.diff(values("abcd"), values("xbyd"));
		assertThat(steps).extracting(CollectionDiff.Step::add).containsExactly(false, false, true, true);
		assertThat(steps).extracting(CollectionDiff.Step::idx).containsExactly(2, 0, 0, 2);
	}

	@Test
	void stepsTurnTheOldCollectionIntoTheNewOneWithMinimalEdits() {
		Random r = new Random(42);
		for (int i = 0; i < 500; i++) {
			String a = random(r);
			String b = random(r);
			List<CollectionDiff.Step> steps = CollectionDiff.diff(values(a), values(b));
			assertThat(apply(values(a), steps)).as(a + " -> " + b).isEqualTo(values(b));
			int lcs = lcs(a, b);
			assertThat(steps).hasSize(a.length() + b.length() - 2 * lcs);
		}
	}

	private static String random(Random r) {
		int n = r.nextInt(8);
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < n; i++) {
			sb.append((char) ('a' + r.nextInt(4)));
		}
		return sb.toString();
	}

	private static int lcs(String a, String b) {
		int[][] t = new int[a.length() + 1][b.length() + 1];
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				t[i][j] = (a.charAt(i - 1) == b.charAt(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
			}
		}
		return t[a.length()][b.length()];
	}
}
