package io.resgate.spring.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.GetResponse;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a get response straight into values gives what reading it as a tree and then its values
 * gave: the same values (same JSON nodes, encoded the same for clients) or the same first error.
 */
class ResourceDataTests {

	private final ResCodec codec = new ResCodec();

	/** Get responses, valid and not, each wrong in one or several ways. */
	static final String[] RESPONSES = {
		"{\"result\":{\"model\":{\"id\":\"12345\",\"value\":5,\"name\":\"item\"}}}",
		"{\"result\":{\"model\":{}}}",
		"{\"result\":{\"model\":{\"b\":1,\"a\":2,\"c\":{\"rid\":\"x.y\"},\"d\":{\"rid\":\"x.z\",\"soft\":true}}}}",
		"{\"result\":{\"model\":{\"d\":{\"data\":{\"x\":[1,2.5,{\"y\":null}]}},\"e\":{\"data\":[]},\"f\":{\"data\":7},\"g\":{\"data\":null}}}}",
		"{\"result\":{\"model\":{\"d\":{\"data\":{\"a\":[[1,[2,{}]],{\"b\":{\"c\":[true,null,\"x\",-5,1e3]}}]}}}}}",
		"{\"result\":{\"model\":{\"d\":{\"data\":" + "[".repeat(12) + "{\"b\":1,\"c\":[]}" + "]".repeat(12) + "}}}}",
		"{\"result\":{\"model\":{\"d\":{\"data\":{\"a\":1,\"a\":{\"x\":2}}}}}}",
		"{\"result\":{\"model\":{\"i\":2147483647,\"j\":2147483648,\"k\":-9223372036854775808,\"l\":9223372036854775808,\"m\":-0,\"n\":0}}}",
		"{\"result\":{\"model\":{\"f\":1.5,\"g\":1e10,\"h\":-0.0,\"i\":1E-7,\"j\":123456789012345678901234567890.5}}}",
		"{\"result\":{\"model\":{\"t\":true,\"f\":false,\"n\":null,\"s\":\"\",\"u\":\"\\u00e9\\n\\\"x\\\"\",\"e\":\"é😀\"}}}",
		"{\"result\":{\"model\":{\"a\":1},\"query\":\"q=1\"}}",
		"{\"result\":{\"query\":\"q=1\",\"model\":{\"a\":1}}}",
		"{\"result\":{\"model\":{\"a\":1},\"query\":null}}",
		"{\"result\":{\"model\":{\"a\":1},\"query\":\"\"}}",
		"{\"result\":{\"model\":{\"a\":1},\"query\":1}}",
		"{\"result\":{\"collection\":[]}}",
		"{\"result\":{\"collection\":[\"a\",1,2.5,true,null,{\"rid\":\"x.y\"},{\"rid\":\"x.y\",\"soft\":false},{\"data\":{\"a\":1}}]}}",
		"{\"result\":{\"collection\":[1],\"query\":\"a=b\"}}",
		"{\"error\":null,\"result\":{\"model\":{\"a\":1}}}",
		"{\"result\":{\"model\":{\"a\":1}},\"error\":null}",
		"{\"result\":{\"model\":{\"a\":1}},\"meta\":{\"status\":200}}",
		"{\"result\":{\"model\":{\"a\":1}},\"other\":[1,{\"x\":2}]}",
		"{\"result\":{\"model\":{\"a\":1},\"other\":5}}",
		// errors of the response
		"{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}",
		"{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"},\"result\":{\"model\":{\"a\":1}}}",
		"{\"result\":{\"model\":{\"a\":1}},\"error\":{\"code\":\"x.y\",\"message\":\"m\",\"data\":{\"a\":1}}}",
		"{\"error\":{\"code\":1}}",
		"{\"error\":5}",
		"{\"error\":{\"code\":\"x\"},\"error\":null,\"result\":{\"model\":{}}}",
		"{\"result\":{}}",
		"{\"result\":null}",
		"{\"result\":[]}",
		"{\"result\":5}",
		"{}",
		"[]",
		"5",
		"null",
		"",
		"  ",
		"{\"result\":{\"model\":{},\"collection\":[]}}",
		"{\"result\":{\"model\":null,\"collection\":[1]}}",
		"{\"result\":{\"model\":{\"a\":1},\"collection\":null}}",
		"{\"result\":{\"model\":5}}",
		"{\"result\":{\"model\":[1]}}",
		"{\"result\":{\"collection\":{\"a\":1}}}",
		"{\"result\":{\"collection\":\"x\"}}",
		// malformed JSON, alone and after other problems
		"{\"result\":{\"model\":{\"a\":1}}",
		"{\"result\":{\"model\":{\"a\":1}}} x",
		"{\"result\":{\"model\":{\"a\":1}}}{}",
		"{\"result\":{\"model\":{\"a\":1}}},",
		"{\"result\":{\"model\":{\"a\":tru}}}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1}}},\"x\":[}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1},\"c\":\"\\q\"}}}",
		"{\"result\":{\"model\":{\"a\":1,}}}",
		"{\"result\":{\"collection\":[1,]}}",
		"{\"result\":{\"model\":{\"a\":01}}}",
		"{\"result\":{\"model\":{\"a\":" + "9".repeat(1500) + "}}}",
		"{\"result\":{\"model\":{\"a\":1}},\"x\":" + "9".repeat(1500) + "}",
		"{\"result\":{\"model\":{\"a\":{\"data\":" + "[".repeat(1200) + "]".repeat(1200) + "}}}}",
		"{\"error\":{\"code\":\"x\"},\"x\":" + "[".repeat(1200) + "]".repeat(1200) + "}",
		// invalid values, alone, several, overwritten by a duplicate key
		"{\"result\":{\"model\":{\"a\":{\"b\":1}}}}",
		"{\"result\":{\"model\":{\"a\":[1]}}}",
		"{\"result\":{\"model\":{\"a\":{\"action\":\"delete\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"action\":\"x\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":\"\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":\"a..b\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":5}}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":\"x.y\",\"soft\":\"yes\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":\"x.y\",\"data\":1}}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":null,\"data\":1}}}}",
		"{\"result\":{\"model\":{\"z\":{\"b\":1},\"a\":[1]}}}",
		"{\"result\":{\"model\":{\"a\":[1],\"z\":{\"b\":1}}}}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1},\"a\":2}}}",
		"{\"result\":{\"model\":{\"a\":2,\"a\":{\"b\":1}}}}",
		"{\"result\":{\"model\":{\"a\":2,\"b\":3,\"a\":4}}}",
		"{\"result\":{\"model\":{\"a\":{\"rid\":\"x.y\",\"rid\":\"x.z\"}}}}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1}}},\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1}}},\"result\":{\"model\":{\"a\":1}}}",
		"{\"result\":{\"model\":{\"a\":1}},\"result\":{\"model\":{\"a\":{\"b\":1}}}}",
		"{\"result\":{\"model\":{\"a\":1},\"model\":{\"b\":2}}}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1}},\"query\":1}}",
		"{\"result\":{\"model\":{\"a\":{\"b\":1}},\"collection\":[]}}",
		"{\"result\":{\"collection\":[1,{\"b\":1},[2]]}}",
		"{\"result\":{\"collection\":[{\"action\":\"delete\"}]}}",
		"{\"result\":{\"collection\":[1],\"collection\":[{\"b\":1}]}}",
		"{\"result\":{\"collection\":[{\"b\":1}],\"collection\":[1]}}",
	};

	@Test
	void readsAsTheTreeDid() {
		for (String s : RESPONSES) {
			byte[] payload = s.getBytes(StandardCharsets.UTF_8);
			assertThat(outcome(() -> ResourceData.read(codec, payload))).as(s)
				.isEqualTo(outcome(() -> readAsTree(codec, payload)));
		}
	}

	/** How get responses were read before: the response as a tree, then its values. */
	private static ResourceData readAsTree(ResCodec codec, byte[] payload) {
		GetResponse r = codec.decodeGetResponse(payload);
		return (r.model() != null)
				? new ResourceData(ResourceType.MODEL, ResValue.model(r.model()), null, r.query())
				: new ResourceData(ResourceType.COLLECTION, null, ResValue.collection(r.collection()), r.query());
	}

	/** What a read gives, in a form that tells apart node types and encodings: the error, or the data. */
	private List<Object> outcome(java.util.function.Supplier<ResourceData> read) {
		ResourceData d;
		try {
			d = read.get();
		}
		catch (ResException ex) {
			return List.of("error", ex.getError());
		}
		List<Object> out = new ArrayList<>(List.of(d.type(), d.query()));
		if (d.model() != null) {
			assertThat(d.model().getClass().getName()).contains("Unmodifiable");
			for (Map.Entry<String, ResValue> e : d.model().entrySet()) {
				out.add(e.getKey());
				out.addAll(describe(e.getValue()));
			}
			out.add(new String(codec.encode(ResValue.toJson(d.model(), false)), StandardCharsets.UTF_8));
			out.add(new String(codec.encode(ResValue.toJson(d.model(), true)), StandardCharsets.UTF_8));
		}
		else {
			assertThat(d.collection().getClass().getName()).contains("Unmodifiable");
			for (ResValue v : d.collection()) {
				out.addAll(describe(v));
			}
		}
		return out;
	}

	private List<Object> describe(ResValue v) {
		return List.of(v.kind(), String.valueOf(v.rid()), v.json().getClass(), v.json(),
				new String(codec.encode(v.json()), StandardCharsets.UTF_8),
				new String(codec.encode(v.legacyJson()), StandardCharsets.UTF_8));
	}
}
