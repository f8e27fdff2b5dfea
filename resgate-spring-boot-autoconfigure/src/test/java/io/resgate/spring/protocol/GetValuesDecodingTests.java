package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Get responses read straight into values: the usual shapes in one streaming pass, with the nodes the
 * mapper's trees have, whatever the mapper's number and duplicate settings; others as trees.
 */
class GetValuesDecodingTests {

	private static final String[] USUAL = {
		"{\"result\":{\"model\":{\"id\":\"12345\",\"value\":5,\"name\":\"item\"}}}",
		"{\"result\":{\"model\":{\"r\":{\"rid\":\"x.y\"},\"d\":{\"data\":[1,{\"a\":2.5}]},\"f\":1.5,\"n\":null,\"t\":true}}}",
		"{\"result\":{\"model\":{\"i\":2147483648,\"l\":9223372036854775808,\"e\":1e400}},\"error\":null}",
		"{\"result\":{\"collection\":[\"a\",1,{\"rid\":\"x.y\",\"soft\":true},false],\"query\":\"a=b\"}}",
		"{\"result\":{\"query\":\"\",\"collection\":[]}}",
		"{\"result\":{\"model\":{\"f\":1.5,\"g\":-2.25e-3,\"h\":0.1,\"i\":1E+05,\"j\":{\"data\":[3.0e2,1]}}}}",
		"{\"result\":{\"model\":{\"r\":{\"rid\":\"x.y\",\"soft\":null},\"o\":{\"data\":{\"a\":null},\"x\":1.5}}}}",
		"{\"result\":{\"collection\":[{\"data\":[[1,[2,{}]],{\"a\":{\"b\":[true,null,\"x\",-5]}}]}]}}",
		// deeper than made here: read by the mapper, a duplicate there is its to handle, as in its trees
		"{\"result\":{\"model\":{\"a\":{\"data\":" + "[".repeat(12) + "{\"b\":1,\"b\":2.5}" + "]".repeat(12) + "}}}}",
	};

	private static final String[] OTHERS = {
		"{\"result\":{\"model\":{\"a\":1,\"a\":2}}}",
		"{\"result\":{\"model\":{\"r\":{\"rid\":\"x.y\",\"rid\":\"x.z\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"data\":{\"b\":1,\"b\":2}}}}}",
		"{\"result\":{\"model\":{\"a\":1}},\"meta\":{}}",
		"{\"result\":{\"model\":{\"a\":1},\"query\":null}}",
		"{\"error\":{\"code\":\"system.notFound\"}}",
		"{\"result\":{\"model\":{\"a\":1}}} x",
	};

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void usualShapesAreReadInOnePass() {
		ServiceDecoder decoder = new ServiceDecoder(JsonMapper.builder().build());
		for (String s : USUAL) {
			assertThat(decoder.readGetValues(bytes(s), Function.identity())).as(s).isNotNull();
		}
		for (String s : OTHERS) {
			assertThat(outcome(() -> decoder.readGetValues(bytes(s), Function.identity())) instanceof GetValues).as(s)
				.isFalse();
		}
	}

	@Test
	void nodesAreTheMappersWhateverItsSettings() {
		List<JsonMapper> mappers = List.of(JsonMapper.builder().build(),
				JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build(),
				JsonMapper.builder().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS).build(),
				JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build(),
				JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build(),
				JsonMapper.builder().disable(JsonNodeFeature.READ_NULL_PROPERTIES).build(),
				JsonMapper.builder().enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS).build(),
				JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
					.disable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());
		for (JsonMapper mapper : mappers) {
			ResCodec codec = new ResCodec(mapper);
			for (String[] list : List.of(USUAL, OTHERS)) {
				for (String s : list) {
					assertThat(outcome(() -> describe(codec, codec.decodeGetValues(bytes(s), Function.identity())))).as(s)
						.isEqualTo(outcome(() -> describe(codec, asTree(codec.decodeGetResponse(bytes(s))))));
				}
			}
		}
	}

	@Test
	void aModelOrCollectionOfTheWrongTypeIsInvalid() {
		ResCodec codec = new ResCodec();
		assertThatThrownBy(() -> codec.decodeGetValues(bytes("{\"result\":{\"model\":[1]}}"), Function.identity()))
			.isInstanceOfSatisfying(ResException.class,
					ex -> assertThat(ex.getError()).isEqualTo(ResError.internalError("invalid model")));
		assertThatThrownBy(() -> codec.decodeGetValues(bytes("{\"result\":{\"collection\":{}}}"), Function.identity()))
			.isInstanceOfSatisfying(ResException.class,
					ex -> assertThat(ex.getError()).isEqualTo(ResError.internalError("invalid collection")));
	}

	@Test
	void aValueTheFunctionRejectsIsItsError() {
		ResCodec codec = new ResCodec();
		Function<JsonNode, JsonNode> noObjects = n -> {
			if (n.isObject()) {
				throw ResException.internalError("object " + n);
			}
			return n;
		};
		assertThatThrownBy(() -> codec.decodeGetValues(bytes("{\"result\":{\"model\":{\"b\":{\"x\":1},\"a\":{\"y\":2}}}}"), noObjects))
			.isInstanceOfSatisfying(ResException.class,
					ex -> assertThat(ex.getError()).isEqualTo(ResError.internalError("object {\"x\":1}")));
		assertThatThrownBy(() -> codec.decodeGetValues(bytes("{\"result\":{\"collection\":[{\"x\":1}]},\"x\":[}"), noObjects))
			.isInstanceOfSatisfying(ResException.class,
					ex -> assertThat(ex.getError().message()).startsWith("Internal error: invalid JSON: "));
	}

	private static GetValues<JsonNode> asTree(GetResponse r) {
		if (r.model() != null) {
			Map<String, JsonNode> m = new java.util.TreeMap<>();
			r.model().properties().forEach(e -> m.put(e.getKey(), e.getValue()));
			return new GetValues<>(m, null, r.query());
		}
		List<JsonNode> l = new ArrayList<>();
		r.collection().forEach(l::add);
		return new GetValues<>(null, l, r.query());
	}

	private static List<Object> describe(ResCodec codec, GetValues<JsonNode> v) {
		List<Object> out = new ArrayList<>(List.of(v.query(), v.model() != null));
		List<JsonNode> nodes = new ArrayList<>();
		if (v.model() != null) {
			v.model().forEach((k, n) -> {
				out.add(k);
				nodes.add(n);
			});
		}
		else {
			nodes.addAll(v.collection());
		}
		for (JsonNode n : nodes) {
			out.add(n.getClass());
			out.add(n);
			out.add(new String(codec.encode(n), StandardCharsets.UTF_8));
		}
		return out;
	}

	private static Object outcome(Supplier<Object> read) {
		try {
			return read.get();
		}
		catch (ResException ex) {
			return ex.getError();
		}
		catch (RuntimeException ex) {
			return ex.getClass();
		}
	}
}
