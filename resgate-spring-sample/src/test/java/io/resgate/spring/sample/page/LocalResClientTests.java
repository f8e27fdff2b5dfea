package io.resgate.spring.sample.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One property, {@code sample.resclient-url}, switches the page to a local copy of ResClient: with a
 * {@code file:} location the sample serves the copy itself and tells the page to load it from there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalResClientTests {

	static final String SCRIPT = "/* a local copy of ResClient */";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void localCopy(DynamicPropertyRegistry registry) {
		try {
			Path copy = Files.createTempFile("resclient", ".min.js");
			copy.toFile().deleteOnExit();
			Files.writeString(copy, SCRIPT);
			registry.add("sample.resclient-url", () -> copy.toUri().toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void servesTheLocalCopyAndTellsThePageToLoadIt() throws Exception {
		assertThat(get("/sample/config").body()).contains("\"resclientUrl\":\"sample/resclient.min.js\"");
		HttpResponse<String> script = get("/sample/resclient.min.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
		assertThat(script.body()).isEqualTo(SCRIPT);
	}

	@Test
	void aMissingLocalCopyStopsTheStartWithWhatToDo() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ResClientSource.of("file:/nowhere/resclient.min.js", new DefaultResourceLoader()))
			.withMessageContaining("npm ci --prefix resgate-spring-sample/src/test/node");
	}

	@Test
	void aUrlIsLeftToTheBrowser() {
		ResClientSource cdn = ResClientSource.of("https://cdn.example/resclient.min.js", new DefaultResourceLoader());
		assertThat(cdn.browserUrl()).isEqualTo("https://cdn.example/resclient.min.js");
		assertThat(cdn.localCopy()).isNull();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}
}
