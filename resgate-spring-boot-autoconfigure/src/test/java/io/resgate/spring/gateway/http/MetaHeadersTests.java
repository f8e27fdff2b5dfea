package io.resgate.spring.gateway.http;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.Meta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MetaHeadersTests {

	@ParameterizedTest
	@CsvSource({ "test-header,Test-Header", "TEST-HEADER,Test-Header", "set-cookie,Set-Cookie", "x,X",
			"content-TYPE,Content-Type", "'bad key',bad key", "a--b,A--B" })
	void canonicalKey(String key, String canonical) {
		assertThat(MetaHeaders.canonicalKey(key)).isEqualTo(canonical);
	}

	@Test
	void laterHeaderWinsAndCookiesAccumulate() {
		Meta auth = new Meta(null, Map.of("Test-Header", List.of("foo"), "Set-Cookie", List.of("id=foo"),
				"test-auth", List.of("a")));
		Meta access = new Meta(null, Map.of("test-header", List.of("bar"), "set-cookie", List.of("id=bar")));
		Meta call = new Meta(307, Map.of("Set-Cookie", List.of("id=baz")));
		Meta merged = MetaHeaders.merge(MetaHeaders.merge(auth, access), call);
		assertThat(merged.status()).isEqualTo(307);
		assertThat(merged.header()).containsEntry("Test-Header", List.of("bar"))
			.containsEntry("Test-Auth", List.of("a"))
			.containsEntry("Set-Cookie", List.of("id=foo", "id=bar", "id=baz"));
	}

	@Test
	void mergeKeepsEarlierStatusAndHandlesNull() {
		Meta a = new Meta(404, null);
		assertThat(MetaHeaders.merge(a, new Meta(null, null)).status()).isEqualTo(404);
		assertThat(MetaHeaders.merge(null, a)).isSameAs(a);
		assertThat(MetaHeaders.merge(a, null)).isSameAs(a);
		assertThat(MetaHeaders.merge(null, null)).isNull();
	}

	@Test
	void statuses() {
		assertThat(MetaHeaders.isDirectResponseStatus(new Meta(307, null))).isTrue();
		assertThat(MetaHeaders.isDirectResponseStatus(new Meta(599, null))).isTrue();
		assertThat(MetaHeaders.isDirectResponseStatus(new Meta(206, null))).isFalse();
		assertThat(MetaHeaders.isDirectResponseStatus(new Meta(600, null))).isFalse();
		assertThat(MetaHeaders.isDirectResponseStatus(null)).isFalse();
		assertThat(MetaHeaders.isValidStatus(new Meta(206, null))).isFalse();
		assertThat(MetaHeaders.isValidStatus(new Meta(601, null))).isFalse();
		assertThat(MetaHeaders.isValidStatus(new Meta(null, null))).isTrue();
		assertThat(MetaHeaders.isValidStatus(null)).isTrue();
		assertThat(MetaHeaders.isValidStatus(new Meta(500, null))).isTrue();
	}

	@Test
	void replyMergeSkipsProtectedHeaders() {
		HttpReply reply = new HttpReply().setHeader("Content-Type", "application/json; charset=utf-8")
			.setHeader("Access-Control-Allow-Origin", "http://example.com");
		reply.mergeMetaHeaders(Map.of("Sec-Websocket-Extensions", List.of("foo"), "Sec-Websocket-Protocol",
				List.of("foo"), "Access-Control-Allow-Credentials", List.of("foo"), "access-control-allow-origin",
				List.of("foo"), "Content-Type", List.of("text/html"), "set-cookie", List.of("a=1"), "x-a",
				List.of("1", "2")));
		reply.mergeMetaHeaders(Map.of("Set-Cookie", List.of("b=2")));
		assertThat(reply.headers()).doesNotContainKeys("Sec-Websocket-Extensions", "Sec-Websocket-Protocol",
				"Access-Control-Allow-Credentials");
		assertThat(reply.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
		assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo("http://example.com");
		assertThat(reply.headers().get("Set-Cookie")).containsExactly("a=1", "b=2");
		assertThat(reply.headers().get("X-A")).containsExactly("1", "2");
	}
}
