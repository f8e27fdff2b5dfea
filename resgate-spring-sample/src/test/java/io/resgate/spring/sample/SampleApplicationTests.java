package io.resgate.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample starts with no broker, on the in-process bus, and serves its page, its configuration and
 * its resources over the HTTP API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	Messaging messaging;

	@Test
	void runsOnTheInProcessBusAndServesThePage() throws Exception {
		assertThat(messaging).isInstanceOf(LocalMessaging.class);
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Resgate for Spring Boot");
	}

	@Test
	void servesTheResourcesOverTheHttpApi() throws Exception {
		HttpResponse<String> model = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/example/model")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(model.statusCode()).isEqualTo(200);
		assertThat(model.body()).isEqualTo("{\"message\":\"Hello, World!\"}");
	}

	@Test
	void tellsThePageWhereResClientAndTheGatewayAre() throws Exception {
		HttpResponse<String> config = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sample/config")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(config.statusCode()).isEqualTo(200);
		assertThat(config.body()).contains("\"wsPath\":\"/\"")
			.contains("\"resclientUrl\":\"https://unpkg.com/resclient@2/dist/resclient.min.js\"");
		HttpResponse<String> noLocalCopy = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sample/resclient.min.js")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(noLocalCopy.statusCode()).isEqualTo(404);
	}
}
