package io.resgate.spring.service.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.service.examples.PasswordAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client talking through the gateway to annotated services: what a browser with ResClient sees.
 */
abstract class AbstractServiceEndToEndTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<WsTestClient> clients = new ArrayList<>();

	protected abstract URI wsUri();

	protected abstract PasswordAuthentication.Ticker ticker();

	@AfterEach
	void closeClients() {
		clients.forEach(WsTestClient::close);
		clients.clear();
	}

	private WsTestClient connect() {
		WsTestClient c = WsTestClient.connect(wsUri());
		clients.add(c);
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		return c;
	}

	private static JsonNode json(String s) {
		return JSON.readTree(s);
	}

	/** Collects the next frames, in any order: the response to a request and events. */
	private static List<JsonNode> frames(WsTestClient c, int n) {
		List<JsonNode> frames = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			frames.add(c.next());
		}
		return frames;
	}

	@Test
	void helloWorldThroughTheGateway() {
		WsTestClient c = connect();
		assertThat(c.request("subscribe.example.model", null).get("result"))
			.isEqualTo(json("{\"models\":{\"example.model\":{\"message\":\"Hello, World!\"}}}"));
		// read-only access: calling set is denied by the gateway
		assertThat(c.request("call.example.model.set", "{\"message\":\"x\"}").get("error").get("code").asString())
			.isEqualTo("system.accessDenied");
	}

	@Test
	void bookCollectionThroughTheGateway() {
		WsTestClient c = connect();
		JsonNode books = c.request("subscribe.library.books", null).get("result");
		assertThat(books.get("collections").get("library.books").size()).isGreaterThanOrEqualTo(3);
		assertThat(books.get("models").get("library.book.2"))
			.isEqualTo(json("{\"id\":2,\"title\":\"Brave New World\",\"author\":\"Aldous Huxley\"}"));

		// validation errors reach the client as they are
		assertThat(c.request("call.library.book.2.set", "{\"title\":\"\"}").get("error"))
			.isEqualTo(json("{\"code\":\"system.invalidParams\",\"message\":\"Title must not be empty\"}"));
		assertThat(c.request("call.library.books.new", "{\"title\":\"Dune\"}").get("error"))
			.isEqualTo(json("{\"code\":\"system.invalidParams\",\"message\":\"Must provide both title and author\"}"));

		// set: the response, and the change event to the subscriber
		long set = c.send("call.library.book.2.set", "{\"title\":\"Brave New World Revisited\"}");
		List<JsonNode> f = frames(c, 2);
		assertThat(f).contains(json("{\"id\":" + set + ",\"result\":{\"payload\":null}}"),
				json("{\"event\":\"library.book.2.change\",\"data\":{\"values\":{\"title\":\"Brave New World Revisited\"}}}"));

		// new: an add event carrying the new model
		int size = books.get("collections").get("library.books").size();
		long created = c.send("call.library.books.new", "{\"title\":\"Dune\",\"author\":\"Frank Herbert\"}");
		f = frames(c, 2);
		assertThat(f).contains(json("{\"id\":" + created + ",\"result\":{\"payload\":null}}"));
		JsonNode add = f.stream().filter(n -> n.has("event")).findFirst().orElseThrow();
		assertThat(add.get("event").asString()).isEqualTo("library.books.add");
		assertThat(add.get("data").get("idx").asInt()).isEqualTo(size);
		String rid = add.get("data").get("value").get("rid").asString();
		assertThat(add.get("data").get("models").get(rid).get("title").asString()).isEqualTo("Dune");

		// delete: a remove event
		long deleted = c.send("call.library.books.delete", "{\"id\":" + rid.substring("library.book.".length()) + "}");
		f = frames(c, 2);
		assertThat(f).contains(json("{\"id\":" + deleted + ",\"result\":{\"payload\":null}}"),
				json("{\"event\":\"library.books.remove\",\"data\":{\"idx\":" + size + "}}"));
		c.assertNoFrame(Duration.ofMillis(100));
	}

	@Test
	void httpApiReachesTheServicesWithMeta() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI base = URI.create("http://" + wsUri().getAuthority());
		HttpResponse<String> book = http.send(HttpRequest.newBuilder(base.resolve("/api/library/book/3")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(book.statusCode()).isEqualTo(200);
		assertThat(json(book.body())).isEqualTo(json("{\"id\":3,\"title\":\"Coraline\",\"author\":\"Neil Gaiman\"}"));

		HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(base.resolve("/api/library/books/new"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(json(invalid.body()))
			.isEqualTo(json("{\"code\":\"system.invalidParams\",\"message\":\"Must provide both title and author\"}"));

		// the meta object of the service's response sets the HTTP status and headers
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/demo/create"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.headers().firstValue("X-Demo")).hasValue("yes");
		assertThat(json(created.body())).isEqualTo(json("{\"created\":true,\"isHttp\":true}"));
		HttpResponse<String> secret = http.send(HttpRequest.newBuilder(base.resolve("/api/demo/secret"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(secret.statusCode()).isEqualTo(401);
		assertThat(secret.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"demo\"");

		// over the WebSocket the same call has no meta
		WsTestClient c = connect();
		assertThat(c.request("call.demo.create", null).get("result"))
			.isEqualTo(json("{\"payload\":{\"created\":true,\"isHttp\":false}}"));
	}

	@Test
	void passwordLoginGivesAccessToTheTicker() {
		WsTestClient c = connect();
		assertThat(c.request("subscribe.ticker.model", null).get("error").get("code").asString())
			.isEqualTo("system.accessDenied");
		assertThat(c.request("auth.passwd.login", "{\"password\":\"nope\"}").get("error"))
			.isEqualTo(json("{\"code\":\"system.invalidParams\",\"message\":\"Invalid params: wrong password\"}"));
		assertThat(c.request("auth.passwd.login", "{\"password\":\"secret\"}").get("result"))
			.isEqualTo(json("{\"payload\":null}"));
		JsonNode ticker = c.request("subscribe.ticker.model", null).get("result");
		int seconds = ticker.get("models").get("ticker.model").get("seconds").asInt();
		ticker().tick();
		assertThat(c.event()).isEqualTo(
				json("{\"event\":\"ticker.model.change\",\"data\":{\"values\":{\"seconds\":" + (seconds + 1) + "}}}"));
		// logout clears the token: the gateway rechecks access and unsubscribes the ticker
		long logout = c.send("auth.passwd.logout", null);
		List<JsonNode> f = frames(c, 2);
		assertThat(f).contains(json("{\"id\":" + logout + ",\"result\":{\"payload\":null}}"), json(
				"{\"event\":\"ticker.model.unsubscribe\",\"data\":{\"reason\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}}"));
	}
}
