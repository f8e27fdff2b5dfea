package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader of plainly written responses reads the usual ones, gives up on anything else, and
 * never reads anything differently from the parser: checked on many mutations of real responses.
 */
class PlainJsonReaderTests {

	private static final String[] PLAIN_GETS = {
		"{\"result\":{\"model\":{\"id\":\"12345\",\"value\":5,\"name\":\"item\"}}}",
		"{\"result\":{\"model\":{\"seq\":123456789,\"ts\":-1,\"n\":0}}}",
		" {\"error\":null, \"result\" : {\"query\":\"a=b\",\"collection\":[\"a\",1,true,false,null,{\"rid\":\"x.y\",\"soft\":true}]}}\r\n",
		"{\"result\":{\"model\":{\"r\":{\"rid\":\"x.y\"},\"d\":{\"data\":\"s\"},\"e\":{}}}}",
		"{\"result\":{\"model\":{}}}",
		"{\"result\":{\"collection\":[]}}",
		"{\"result\":{\"model\":{\"d\":{\"data\":{\"a\":[1,{\"b\":null},[]],\"c\":{}}},\"e\":{\"data\":[\"x\"]}}}}",
		"{\"result\":{\"model\":{\"f\":1.5,\"g\":-2.25e-3,\"h\":0.1,\"i\":1E+05,\"j\":{\"data\":[3.0e2]}}}}",
		"{\"result\":{\"collection\":[{\"data\":" + "[".repeat(7) + "]".repeat(7) + "},[1]]}}",
	};

	private static final String[] OTHER_GETS = {
		"{\"result\":{\"model\":{\"a\":\"\\u0041\"}}}",
		"{\"result\":{\"model\":{\"a\":\"é\"}}}",
		"{\"result\":{\"model\":{\"a\":1e400}}}",
		"{\"result\":{\"model\":{\"a\":-0.5}}}",
		"{\"result\":{\"model\":{\"a\":1.}}}",
		"{\"result\":{\"model\":{\"a\":1234567890}}}",
		"{\"result\":{\"model\":{\"a\":-0}}}",
		"{\"result\":{\"model\":{\"a\":{\"data\":" + "[".repeat(8) + "]".repeat(8) + "}}}}",
		"{\"result\":{\"model\":{\"a\":1,\"a\":1}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":\"x.y\",\"rid\":\"x.y\"}}}}",
		"{\"result\":{\"model\":{\"a\":1}},\"meta\":{}}",
		"\uFEFF{\"result\":{\"model\":{\"a\":1}}}",
	};

	private static final String[] PLAIN_ACCESS = {
		"{\"result\":{\"get\":true,\"call\":\"*\"}}",
		"{\"result\":{\"get\":false,\"call\":null}}",
		"{\"result\":{\"call\":\"set,inc\",\"get\":null}}",
		"{\"result\":{}}",
	};

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static PlainJsonReader reader(String s) {
		return new PlainJsonReader(bytes(s), JsonNodeFactory.instance, Integer.MAX_VALUE, true);
	}

	@Test
	void readsThePlainOnesOnly() {
		for (String s : PLAIN_GETS) {
			assertThat(reader(s).getValues(Function.identity())).as(s).isNotNull();
		}
		for (String s : OTHER_GETS) {
			assertThat(reader(s).getValues(Function.identity())).as(s).isNull();
		}
		for (String s : PLAIN_ACCESS) {
			assertThat(reader(s).accessResponse()).as(s).isNotNull();
		}
		assertThat(reader("{\"result\":{\"get\":true},\"meta\":{\"status\":200}}").accessResponse()).isNull();
		assertThat(reader("{\"result\":{\"get\":1}}").accessResponse()).isNull();
		assertThat(reader("{\"result\":{\"get\":true,\"get\":true}}").accessResponse()).isNull();
	}

	@Test
	void readsAsTheParserOnMutations() {
		ResCodec codec = new ResCodec();
		ServiceDecoder decoder = new ServiceDecoder(JsonMapper.builder().build());
		Random random = new Random(9);
		for (String seed : concat(PLAIN_GETS, OTHER_GETS)) {
			for (String s : mutations(seed, random)) {
				byte[] payload = bytes(s);
				Object plain = outcome(() -> codec.decodeGetValues(payload, Function.identity()));
				Object parsed = outcome(() -> asValues(codec.decodeGetResponse(payload)));
				assertThat(plain).as(s).isEqualTo(parsed);
			}
		}
		for (String seed : PLAIN_ACCESS) {
			for (String s : mutations(seed, random)) {
				byte[] payload = bytes(s);
				assertThat(decoder.accessResponse(payload)).as(s).isEqualTo(decoder.parsedAccessResponse(payload));
			}
		}
	}

	private static String[] concat(String[] a, String[] b) {
		List<String> l = new ArrayList<>(List.of(a));
		l.addAll(List.of(b));
		return l.toArray(new String[0]);
	}

	/** The seed, and copies with a character removed, doubled or replaced, at every position. */
	private static List<String> mutations(String seed, Random random) {
		String alphabet = "{}[]\":,0123456789-+.eEtrufalsn \\\tx\u00e9\u0001";
		List<String> out = new ArrayList<>();
		out.add(seed);
		for (int i = 0; i < seed.length(); i++) {
			out.add(seed.substring(0, i) + seed.substring(i + 1));
			out.add(seed.substring(0, i) + seed.charAt(i) + seed.substring(i));
			for (int k = 0; k < 3; k++) {
				char c = alphabet.charAt(random.nextInt(alphabet.length()));
				out.add(seed.substring(0, i) + c + seed.substring(i + 1));
				out.add(seed.substring(0, i) + c + seed.substring(i));
			}
		}
		return out;
	}

	/** The values the tree has, or its error (the values not checked: identity). */
	private static GetValues<Object> asValues(GetResponse r) {
		if (r.model() != null) {
			if (!r.model().isObject()) {
				throw ResException.internalError("invalid model");
			}
			java.util.TreeMap<String, Object> m = new java.util.TreeMap<>();
			r.model().properties().forEach(e -> m.put(e.getKey(), e.getValue()));
			return new GetValues<>(m, null, r.query());
		}
		if (!r.collection().isArray()) {
			throw ResException.internalError("invalid collection");
		}
		List<Object> l = new ArrayList<>();
		r.collection().forEach(l::add);
		return new GetValues<>(null, l, r.query());
	}

	private static Object outcome(java.util.function.Supplier<Object> read) {
		try {
			Object v = read.get();
			if (v instanceof GetValues<?> g) {
				// the node classes too: IntNode and LongNode of one value are equal
				List<Object> out = new ArrayList<>(List.of(g.query()));
				if (g.model() != null) {
					g.model().forEach((k, n) -> out.addAll(List.of(k, n, n.getClass())));
				}
				else {
					g.collection().forEach(n -> out.addAll(List.of(n, n.getClass())));
				}
				return out;
			}
			return v;
		}
		catch (ResException ex) {
			return ex.getError();
		}
	}
}
