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

	/** Upper-case letters stand for references, lower-case ones for other values. */
	private static List<ResValue> withReferences(String s) {
		List<ResValue> l = new ArrayList<>();
		for (char c : s.toCharArray()) {
			l.add(Character.isUpperCase(c) ? new ResValue(ResValue.Kind.REFERENCE, "ref." + c,
					JsonNodeFactory.instance.objectNode().put("rid", "ref." + c))
					: new ResValue(ResValue.Kind.PRIMITIVE, null, JsonNodeFactory.instance.stringNode(String.valueOf(c))));
		}
		return l;
	}

	@Test
	void aroundReferencesOnlyOtherValuesAreRemovedAndAdded() {
		Random r = new Random(11);
		for (int i = 0; i < 500; i++) {
			String refs = random(r).toUpperCase();
			String a = interleave(r, refs);
			String b = interleave(r, refs);
			List<CollectionDiff.Step> steps = CollectionDiff.diffAround(withReferences(a), withReferences(b),
					ResValue::isReference);
			assertThat(apply(withReferences(a), steps)).as(a + " -> " + b).isEqualTo(withReferences(b));
			List<ResValue> current = new ArrayList<>(withReferences(a));
			for (CollectionDiff.Step s : steps) {
				if (s.add()) {
					assertThat(s.value().isReference()).as(a + " -> " + b + " adds a reference").isFalse();
					current.add(s.idx(), s.value());
				}
				else {
					assertThat(current.get(s.idx()).isReference()).as(a + " -> " + b + " removes a reference").isFalse();
					current.remove(s.idx());
				}
			}
		}
	}

	@Test
	void aroundReferencesThatDifferItIsTheWholeDiff() {
		List<CollectionDiff.Step> steps = CollectionDiff.diffAround(withReferences("aBc"), withReferences("aCc"),
				ResValue::isReference);
		assertThat(steps).isEqualTo(CollectionDiff.diff(withReferences("aBc"), withReferences("aCc")));
	}

	@Test
	void aStretchTooLongForTheTableIsReplacedAsAWhole() {
		int n = (int) Math.sqrt(CollectionDiff.MAX_CELLS) + 2;
		List<ResValue> a = new ArrayList<>();
		List<ResValue> b = new ArrayList<>();
		a.add(values("x").get(0));
		b.add(values("x").get(0));
		for (int i = 0; i < n; i++) {
			a.add(new ResValue(ResValue.Kind.PRIMITIVE, null, JsonNodeFactory.instance.numberNode(i)));
			b.add(new ResValue(ResValue.Kind.PRIMITIVE, null, JsonNodeFactory.instance.numberNode(n - i)));
		}
		List<CollectionDiff.Step> steps = CollectionDiff.diff(a, b);
		assertThat(apply(a, steps)).isEqualTo(b);
		assertThat(steps).hasSize(2 * n);
		assertThat(steps.get(0)).isEqualTo(new CollectionDiff.Step(false, n, null));
	}

	private static String interleave(Random r, String refs) {
		StringBuilder sb = new StringBuilder();
		for (char c : refs.toCharArray()) {
			sb.append(random(r));
			sb.append(c);
		}
		sb.append(random(r));
		return sb.toString();
	}
}
