package io.resgate.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors clients cause are answered with the protocol's error codes and leave no stack trace in the log:
 * malformed frames and requests, invalid resource IDs, missing resources and methods, denied access, params
 * of the wrong type, bad HTTP bodies and paths.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientErrorLoggingTests {

	@Test
	void clientCausedErrorsAreAnsweredWithoutStackTraces(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ErrorsApp.class)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.run()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			int logged = output.getAll().length();
			try (WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"))) {
				ws.sendRaw("{not json");
				ws.sendRaw("[1,2,3]");
				assertThat(code(ws.request("bogus", null))).isEqualTo("system.invalidRequest");
				assertThat(code(ws.request("subscribe.bad..rid", null))).isEqualTo("system.invalidRequest");
				assertThat(code(ws.request("subscribe.errors.missing", null))).isEqualTo("system.notFound");
				assertThat(code(ws.request("subscribe.secret.x", null))).isEqualTo("system.accessDenied");
				assertThat(code(ws.request("call.errors.item.nomethod", null))).isEqualTo("system.methodNotFound");
				assertThat(code(ws.request("call.errors.item.set", Map.of("n", "not a number"))))
					.isEqualTo("system.invalidParams");
				assertThat(code(ws.request("unsubscribe.errors.item", null))).isEqualTo("system.noSubscription");
				assertThat(code(ws.request("version", Map.of("protocol", 12)))).isEqualTo("system.invalidParams");
				assertThat(code(ws.request("get.errors.item", null))).isNull();
			}
			HttpClient http = HttpClient.newHttpClient();
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/errors/item/set"))
				.POST(HttpRequest.BodyPublishers.ofString("{broken")).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(400);
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/errors/missing"))
				.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
			assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/"))
				.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

			String log = output.getAll().substring(logged);
			assertThat(log).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("ERROR");
		}
	}

	private static String code(tools.jackson.databind.JsonNode response) {
		tools.jackson.databind.JsonNode error = response.get("error");
		return (error == null) ? null : error.get("code").asString();
	}

	/** Gateway and service in one application, on the in-process bus. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ErrorsApp {

		@Bean
		Items items() {
			return new Items();
		}

		@Bean
		Secret secret() {
			return new Secret();
		}
	}

	/** Models anyone may read; one is missing. */
	@ResModel("errors.$id")
	static class Items {

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		java.util.Optional<Map<String, Object>> get(@PathParam String id) {
			return id.equals("item") ? java.util.Optional.of(Map.of("id", id)) : java.util.Optional.empty();
		}

		@ResCall("set")
		void set(@ResParams SetParams params) {
		}
	}

	record SetParams(int n) {
	}

	/** A model nobody may read. */
	@ResModel("secret.$id")
	static class Secret {

		@ResAccess
		Access access() {
			return Access.denied();
		}

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}
	}
}
