package io.resgate.spring.gateway.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for the API tests: sends a request without waiting, so the test can play
 * the service, then checks the response.
 */
final class ApiClient {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	ApiClient(int port) {
		this.port = port;
	}

	/**
	 * Starts a request.
	 * @param method the HTTP method
	 * @param path the raw path and query
	 * @param body the body, or {@code null}
	 * @param headers header names and values, alternating
	 * @return the pending response
	 */
	Pending send(String method, String path, String body, String... headers) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		for (int i = 0; i < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return new Pending(client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()), port);
	}

	Pending get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	Pending post(String path, String body, String... headers) {
		return send("POST", path, body, headers);
	}

	/** A response not yet received. */
	record Pending(CompletableFuture<HttpResponse<String>> future, int port) {

		Response response() {
			try {
				return new Response(future.get(20, TimeUnit.SECONDS));
			}
			catch (Exception ex) {
				throw new AssertionError("no HTTP response", ex);
			}
		}
	}

	/** A received response with assertions. */
	record Response(HttpResponse<String> http) {

		int status() {
			return http.statusCode();
		}

		String body() {
			return http.body();
		}

		JsonNode json() {
			return ScriptedService.CODEC.tree(http.body().getBytes(StandardCharsets.UTF_8));
		}

		Response assertStatus(int expected) {
			String uri = http.request().uri().toString();
			assertThat(status()).as("status of %s, body %s", (uri.length() > 120) ? uri.substring(0, 120) + "..." : uri,
					body()).isEqualTo(expected);
			return this;
		}

		/** Asserts the body as JSON data (key order ignored); {@code null} means an empty body. */
		Response assertBody(String json) {
			if (json == null) {
				assertThat(body()).isEmpty();
			}
			else {
				assertThat(json()).isEqualTo(ScriptedService.CODEC.tree(json.getBytes(StandardCharsets.UTF_8)));
				assertThat(http.headers().firstValue("Content-Type")).hasValueSatisfying(
						ct -> assertThat(ct.replace(" ", "")).isEqualToIgnoringCase("application/json;charset=utf-8"));
			}
			return this;
		}

		Response assertError(String code, String message) {
			return assertBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
		}

		Response assertErrorCode(String code) {
			assertThat(json().get("code").asString()).isEqualTo(code);
			return this;
		}

		Response assertHeader(String name, String... values) {
			assertThat(http.headers().allValues(name)).as("header %s", name).containsExactly(values);
			return this;
		}

		Response assertNoHeader(String... names) {
			for (String n : names) {
				assertThat(http.headers().allValues(n)).as("header %s", n).isEmpty();
			}
			return this;
		}

		List<String> header(String name) {
			return http.headers().allValues(name);
		}
	}
}
