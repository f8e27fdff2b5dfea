package io.resgate.spring.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.ResourceType;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The two API encodings over models, collections, references (soft, cyclic, broken) and data
 * values, as Resgate's HTTP GET scenarios expect them.
 */
class ApiEncoderTests {

	private static final ResCodec codec = new ResCodec();

	private static final String MODEL = "{\"string\":\"foo\",\"int\":42,\"bool\":true,\"null\":null}";

	private static final String COLLECTION = "[\"foo\",42,true,null]";

	private static final String NOT_FOUND = "{\"code\":\"system.notFound\",\"message\":\"Not found\"}";

	private static final Map<String, JsonNode> models = new LinkedHashMap<>();

	private static final Map<String, JsonNode> collections = new LinkedHashMap<>();

	private static final Map<String, ResError> errors = Map.of("test.err.notFound", ResError.NOT_FOUND);

	static {
		model("test.model", MODEL);
		model("test.model.parent", "{\"name\":\"parent\",\"child\":{\"rid\":\"test.model\"}}");
		model("test.model.grandparent", "{\"name\":\"grandparent\",\"child\":{\"rid\":\"test.model.parent\"}}");
		model("test.model.brokenchild", "{\"name\":\"brokenchild\",\"child\":{\"rid\":\"test.err.notFound\"}}");
		model("test.model.soft", "{\"name\":\"soft\",\"child\":{\"rid\":\"test.model\",\"soft\":true}}");
		model("test.model.soft.parent", "{\"name\":\"softparent\",\"child\":{\"rid\":\"test.model.soft\",\"soft\":false}}");
		model("test.model.data", "{\"name\":\"data\",\"primitive\":{\"data\":12},\"object\":{\"data\":{\"foo\":[\"bar\"]}},\"array\":{\"data\":[{\"foo\":\"bar\"}]}}");
		model("test.model.query.parent", "{\"child\":{\"rid\":\"test.model?foo=bar\",\"soft\":true}}");
		model("test.m.a", "{\"a\":{\"rid\":\"test.m.a\"}}");
		model("test.m.b", "{\"c\":{\"rid\":\"test.m.c\"}}");
		model("test.m.c", "{\"b\":{\"rid\":\"test.m.b\"}}");
		model("test.m.d", "{\"e\":{\"rid\":\"test.m.e\"},\"f\":{\"rid\":\"test.m.f\"}}");
		model("test.m.e", "{\"d\":{\"rid\":\"test.m.d\"}}");
		model("test.m.f", "{\"d\":{\"rid\":\"test.m.d\"}}");
		model("test.m.g", "{\"e\":{\"rid\":\"test.m.e\"},\"f\":{\"rid\":\"test.m.f\"}}");
		collection("test.collection", COLLECTION);
		collection("test.collection.parent", "[\"parent\",{\"rid\":\"test.collection\"}]");
		collection("test.collection.brokenchild", "[\"brokenchild\",{\"rid\":\"test.err.notFound\"}]");
		collection("test.collection.soft", "[\"soft\",{\"rid\":\"test.collection\",\"soft\":true}]");
		collection("test.collection.data", "[\"data\",12,{\"data\":{\"foo\":[\"bar\"]}},{\"data\":[{\"foo\":\"bar\"}]}]");
		collection("test.c.a", "[{\"rid\":\"test.c.a\"}]");
		collection("test.c.b", "[{\"rid\":\"test.c.c\"}]");
		collection("test.c.c", "[{\"rid\":\"test.c.b\"}]");
		collection("test.c.d", "[{\"rid\":\"test.c.e\"},{\"rid\":\"test.c.f\"}]");
		collection("test.c.e", "[{\"rid\":\"test.c.d\"}]");
		collection("test.c.f", "[{\"rid\":\"test.c.d\"}]");
		collection("test.c.g", "[{\"rid\":\"test.c.e\"},{\"rid\":\"test.c.f\"}]");
	}

	/**
	 * The service's response to a get request for one of the test resources.
	 * @param rid the resource ID
	 * @return the raw response JSON
	 */
	static String serviceResponse(String rid) {
		if (errors.containsKey(rid)) {
			ResError e = errors.get(rid);
			return "{\"error\":" + new String(codec.encode(e)) + "}";
		}
		if (models.containsKey(rid)) {
			return "{\"result\":{\"model\":" + models.get(rid) + "}}";
		}
		if (collections.containsKey(rid)) {
			return "{\"result\":{\"collection\":" + collections.get(rid) + "}}";
		}
		throw new IllegalArgumentException("no test resource " + rid);
	}

	private static void model(String rid, String json) {
		models.put(rid, codec.tree(json.getBytes()));
	}

	private static void collection(String rid, String json) {
		collections.put(rid, codec.tree(json.getBytes()));
	}

	static Stream<Arguments> json() {
		return Stream.of(
			Arguments.of("test.model", MODEL),
			Arguments.of("test.model.parent", "{\"name\":\"parent\",\"child\":{\"href\":\"/api/test/model\",\"model\":" + MODEL + "}}"),
			Arguments.of("test.model.grandparent", "{\"name\":\"grandparent\",\"child\":{\"href\":\"/api/test/model/parent\",\"model\":{\"name\":\"parent\",\"child\":{\"href\":\"/api/test/model\",\"model\":" + MODEL + "}}}}"),
			Arguments.of("test.model.brokenchild", "{\"name\":\"brokenchild\",\"child\":{\"href\":\"/api/test/err/notFound\",\"error\":" + NOT_FOUND + "}}"),
			Arguments.of("test.model.soft", "{\"name\":\"soft\",\"child\":{\"href\":\"/api/test/model\"}}"),
			Arguments.of("test.model.soft.parent", "{\"name\":\"softparent\",\"child\":{\"href\":\"/api/test/model/soft\",\"model\":{\"name\":\"soft\",\"child\":{\"href\":\"/api/test/model\"}}}}"),
			Arguments.of("test.model.data", "{\"name\":\"data\",\"primitive\":12,\"object\":{\"foo\":[\"bar\"]},\"array\":[{\"foo\":\"bar\"}]}"),
			Arguments.of("test.model.query.parent", "{\"child\":{\"href\":\"/api/test/model%3Ffoo=bar\"}}"),
			Arguments.of("test.m.a", "{\"a\":{\"href\":\"/api/test/m/a\"}}"),
			Arguments.of("test.m.b", "{\"c\":{\"href\":\"/api/test/m/c\",\"model\":{\"b\":{\"href\":\"/api/test/m/b\"}}}}"),
			Arguments.of("test.m.d", "{\"e\":{\"href\":\"/api/test/m/e\",\"model\":{\"d\":{\"href\":\"/api/test/m/d\"}}},\"f\":{\"href\":\"/api/test/m/f\",\"model\":{\"d\":{\"href\":\"/api/test/m/d\"}}}}"),
			Arguments.of("test.m.g", "{\"e\":{\"href\":\"/api/test/m/e\",\"model\":{\"d\":{\"href\":\"/api/test/m/d\",\"model\":{\"e\":{\"href\":\"/api/test/m/e\"},\"f\":{\"href\":\"/api/test/m/f\",\"model\":{\"d\":{\"href\":\"/api/test/m/d\"}}}}}}},\"f\":{\"href\":\"/api/test/m/f\",\"model\":{\"d\":{\"href\":\"/api/test/m/d\",\"model\":{\"e\":{\"href\":\"/api/test/m/e\",\"model\":{\"d\":{\"href\":\"/api/test/m/d\"}}},\"f\":{\"href\":\"/api/test/m/f\"}}}}}}"),
			Arguments.of("test.collection", COLLECTION),
			Arguments.of("test.collection.parent", "[\"parent\",{\"href\":\"/api/test/collection\",\"collection\":" + COLLECTION + "}]"),
			Arguments.of("test.collection.brokenchild", "[\"brokenchild\",{\"href\":\"/api/test/err/notFound\",\"error\":" + NOT_FOUND + "}]"),
			Arguments.of("test.collection.soft", "[\"soft\",{\"href\":\"/api/test/collection\"}]"),
			Arguments.of("test.collection.data", "[\"data\",12,{\"foo\":[\"bar\"]},[{\"foo\":\"bar\"}]]"),
			Arguments.of("test.c.a", "[{\"href\":\"/api/test/c/a\"}]"),
			Arguments.of("test.c.b", "[{\"href\":\"/api/test/c/c\",\"collection\":[{\"href\":\"/api/test/c/b\"}]}]"),
			Arguments.of("test.c.d", "[{\"href\":\"/api/test/c/e\",\"collection\":[{\"href\":\"/api/test/c/d\"}]},{\"href\":\"/api/test/c/f\",\"collection\":[{\"href\":\"/api/test/c/d\"}]}]"),
			Arguments.of("test.c.g", "[{\"href\":\"/api/test/c/e\",\"collection\":[{\"href\":\"/api/test/c/d\",\"collection\":[{\"href\":\"/api/test/c/e\"},{\"href\":\"/api/test/c/f\",\"collection\":[{\"href\":\"/api/test/c/d\"}]}]}]},{\"href\":\"/api/test/c/f\",\"collection\":[{\"href\":\"/api/test/c/d\",\"collection\":[{\"href\":\"/api/test/c/e\",\"collection\":[{\"href\":\"/api/test/c/d\"}]},{\"href\":\"/api/test/c/f\"}]}]}]"),
			Arguments.of("test.err.notFound", NOT_FOUND));
	}

	static Stream<Arguments> jsonflat() {
		return Stream.of(
			Arguments.of("test.model", MODEL),
			Arguments.of("test.model.parent", "{\"name\":\"parent\",\"child\":" + MODEL + "}"),
			Arguments.of("test.model.grandparent", "{\"name\":\"grandparent\",\"child\":{\"name\":\"parent\",\"child\":" + MODEL + "}}"),
			Arguments.of("test.model.brokenchild", "{\"name\":\"brokenchild\",\"child\":" + NOT_FOUND + "}"),
			Arguments.of("test.model.soft", "{\"name\":\"soft\",\"child\":{\"href\":\"/api/test/model\"}}"),
			Arguments.of("test.model.soft.parent", "{\"name\":\"softparent\",\"child\":{\"name\":\"soft\",\"child\":{\"href\":\"/api/test/model\"}}}"),
			Arguments.of("test.model.data", "{\"name\":\"data\",\"primitive\":12,\"object\":{\"foo\":[\"bar\"]},\"array\":[{\"foo\":\"bar\"}]}"),
			Arguments.of("test.m.a", "{\"a\":{\"href\":\"/api/test/m/a\"}}"),
			Arguments.of("test.m.b", "{\"c\":{\"b\":{\"href\":\"/api/test/m/b\"}}}"),
			Arguments.of("test.m.d", "{\"e\":{\"d\":{\"href\":\"/api/test/m/d\"}},\"f\":{\"d\":{\"href\":\"/api/test/m/d\"}}}"),
			Arguments.of("test.m.g", "{\"e\":{\"d\":{\"e\":{\"href\":\"/api/test/m/e\"},\"f\":{\"d\":{\"href\":\"/api/test/m/d\"}}}},\"f\":{\"d\":{\"e\":{\"d\":{\"href\":\"/api/test/m/d\"}},\"f\":{\"href\":\"/api/test/m/f\"}}}}"),
			Arguments.of("test.collection.parent", "[\"parent\"," + COLLECTION + "]"),
			Arguments.of("test.collection.brokenchild", "[\"brokenchild\"," + NOT_FOUND + "]"),
			Arguments.of("test.collection.soft", "[\"soft\",{\"href\":\"/api/test/collection\"}]"),
			Arguments.of("test.collection.data", "[\"data\",12,{\"foo\":[\"bar\"]},[{\"foo\":\"bar\"}]]"),
			Arguments.of("test.c.a", "[{\"href\":\"/api/test/c/a\"}]"),
			Arguments.of("test.c.b", "[[{\"href\":\"/api/test/c/b\"}]]"),
			Arguments.of("test.c.d", "[[{\"href\":\"/api/test/c/d\"}],[{\"href\":\"/api/test/c/d\"}]]"),
			Arguments.of("test.c.g", "[[[{\"href\":\"/api/test/c/e\"},[{\"href\":\"/api/test/c/d\"}]]],[[[{\"href\":\"/api/test/c/d\"}],{\"href\":\"/api/test/c/f\"}]]]"));
	}

	@ParameterizedTest
	@MethodSource
	void json(String rid, String expected) {
		assertEncoded("json", rid, expected);
	}

	@ParameterizedTest
	@MethodSource
	void jsonflat(String rid, String expected) {
		assertEncoded("jsonFlat", rid, expected);
	}

	private static void assertEncoded(String encoding, String rid, String expected) {
		ApiEncoder enc = ApiEncoder.of(encoding, new ApiPath("/api"), codec);
		byte[] out = enc.encodeResource(rid, ApiResources.ofResourceSet(models, collections, errors));
		assertThat(codec.tree(out)).isEqualTo(codec.tree(expected.getBytes()));
	}

	@Test
	void modelKeysKeepTheirOrder() {
		ApiEncoder enc = ApiEncoder.of("json", new ApiPath("/api"), codec);
		byte[] out = enc.encodeResource("test.model", ApiResources.ofResourceSet(models, collections, errors));
		assertThat(new String(out)).isEqualTo(MODEL);
	}

	@Test
	void resourcesOfPrimitivesAreTheSnapshotsSharedEncoding() {
		ApiEncoder enc = ApiEncoder.of("json", new ApiPath("/api"), codec);
		Map<String, ResourceState> states = new LinkedHashMap<>();
		models.forEach((rid, m) -> states.put(rid, new ResourceState(ResourceType.MODEL, ResValue.model(m), null, 0)));
		collections.forEach((rid, c) -> states.put(rid,
				new ResourceState(ResourceType.COLLECTION, null, ResValue.collection(c), 0)));
		Map<String, JsonNode> stateModels = new LinkedHashMap<>();
		Map<String, JsonNode> stateCollections = new LinkedHashMap<>();
		states.forEach((rid, s) -> (s.type() == ResourceType.MODEL ? stateModels : stateCollections).put(rid,
				s.toJson(false)));
		int plain = 0;
		for (Map.Entry<String, ResourceState> e : states.entrySet()) {
			byte[] shared = ApiEncoder.plainBody(e.getValue(), codec);
			boolean primitives = true;
			for (ResValue v : e.getValue().values()) {
				primitives &= v.kind() == ResValue.Kind.PRIMITIVE;
			}
			assertThat(shared != null).as(e.getKey()).isEqualTo(primitives);
			if (shared != null) {
				plain++;
				assertThat(shared).as(e.getKey()).isSameAs(e.getValue().encoded(false, codec));
				byte[] walked = enc.encodeResource(e.getKey(),
						ApiResources.ofResourceSet(stateModels, stateCollections, errors));
				assertThat(new String(shared)).as(e.getKey()).isEqualTo(new String(walked));
			}
		}
		assertThat(plain).isEqualTo(2);
		assertThat(ApiEncoder.plainBody(null, codec)).isNull();
	}

	@Test
	void hrefsFollowTheApiPath() {
		ApiEncoder enc = ApiEncoder.of("json", new ApiPath("/rest/v1/"), codec);
		byte[] out = enc.encodeResource("test.model.soft", ApiResources.ofResourceSet(models, collections, errors));
		assertThat(new String(out)).isEqualTo("{\"name\":\"soft\",\"child\":{\"href\":\"/rest/v1/test/model\"}}");
	}

	@Test
	void results() {
		ApiEncoder enc = ApiEncoder.of("json", new ApiPath("/api"), codec);
		assertThat(enc.encodeResult(io.resgate.spring.protocol.RawJson.NULL)).isNull();
		assertThat(enc.encodeResult(null)).isNull();
		assertThat(new String(enc.encodeResult(io.resgate.spring.protocol.RawJson.of("{\"foo\":\"bar\"}")))).isEqualTo("{\"foo\":\"bar\"}");
		assertThat(new String(enc.encodeResult(io.resgate.spring.protocol.RawJson.of("\"zoo\"")))).isEqualTo("\"zoo\"");
		assertThat(new String(enc.encodeError(ResError.NOT_FOUND))).isEqualTo(NOT_FOUND);
		assertThat(enc.contentType()).isEqualTo("application/json; charset=utf-8");
	}

	@Test
	void unknownEncodingIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiEncoder.of("xml", new ApiPath("/api"), codec))
			.withMessageContaining("json, jsonflat");
	}
}
