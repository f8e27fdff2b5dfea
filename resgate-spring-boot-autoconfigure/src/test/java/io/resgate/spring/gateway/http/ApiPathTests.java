package io.resgate.spring.gateway.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiPathTests {

	private final ApiPath api = new ApiPath("/api");

	@Test
	void prefixGetsTrailingSlash() {
		assertThat(api.prefix()).isEqualTo("/api/");
		assertThat(new ApiPath("/api/").prefix()).isEqualTo("/api/");
		assertThat(new ApiPath("rest").prefix()).isEqualTo("/rest/");
		assertThat(new ApiPath("/").prefix()).isEqualTo("/");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NULL", value = {
		"/api/test/model|NULL|test.model",
		"/api/test/model|q=foo&f=bar|test.model?q=foo&f=bar",
		"/api/test|NULL|test",
		"/api//test/model|NULL|test.model",
		"/api/test/m%61del|NULL|test.madel",
		"/api/test%2Emodel|NULL|test.model",
		"/wrong_prefix/test/model|NULL|''",
		"/api/|NULL|''",
		"/api|NULL|''",
		"/api/test.model|NULL|''",
		"/api/test/m%zzdel|NULL|''",
		"/api/test/model%|NULL|''",
	})
	void pathToRid(String path, String query, String rid) {
		assertThat(api.toRid(path, query)).isEqualTo(rid);
	}

	@Test
	void pathsThatGiveInvalidResourceIds() {
		assertThat(api.toRid("/api/test//model", null)).isEqualTo("test..model");
		assertThat(api.toRid("/api/test/m%C3%A5del", null)).isEqualTo("test.m\u00e5del");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NULL", value = {
		"/api/test/model/method|NULL|test.model|method",
		"/api/test/model/method|q=1|test.model?q=1|method",
		"/api/test/method|NULL|test|method",
		"/api/action|NULL|''|''",
		"/api/|NULL|''|''",
		"/api/test.model/action|NULL|''|''",
		"/wrong/test/model/action|NULL|''|''",
	})
	void pathToRidAndMethod(String path, String query, String rid, String method) {
		ApiPath.RidMethod rm = api.toRidMethod(path, query);
		assertThat(rm.rid()).isEqualTo(rid);
		assertThat(rm.method()).isEqualTo(method);
	}

	@Test
	void trailingSlash() {
		assertThat(api.hasTrailingSlash("/api/")).isFalse();
		assertThat(api.hasTrailingSlash("/api/test/model/")).isTrue();
		assertThat(api.hasTrailingSlash("/api/test/model")).isFalse();
	}

	@Test
	void handles() {
		assertThat(api.handles("/api")).isTrue();
		assertThat(api.handles("/api/x")).isTrue();
		assertThat(api.handles("/apix")).isFalse();
		assertThat(api.handles("/")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"test.model|/api/test/model",
		"test.model?foo=bar|/api/test/model%3Ffoo=bar",
		"test.model?q=a.b|/api/test/model%3Fq=a/b",
		"test.a b|/api/test/a%20b",
		"x.$&+:=@-_~|/api/x/$&+:=@-_~",
		"x.a/b;c,d|/api/x/a%2Fb%3Bc%2Cd",
		"x.\u00e5|/api/x/%C3%A5",
	})
	void ridToPath(String rid, String path) {
		assertThat(api.toPath(rid)).isEqualTo(path);
	}

	@Test
	void emptyRidHasNoPath() {
		assertThat(api.toPath("")).isEmpty();
		assertThat(api.toPath(null)).isEmpty();
	}

	@Test
	void unescapeRoundTrips() {
		String s = "a b/c?d\u00e5%";
		assertThat(ApiPath.unescape(ApiPath.escapeSegment(s))).isEqualTo(s);
		assertThat(ApiPath.unescape("%4")).isNull();
		assertThat(ApiPath.unescape("+")).isEqualTo("+");
	}
}
