package io.resgate.spring.sample;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.sample.ServiceWire.Published;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's services on the wire, as a gateway sees them (in-process bus, raw RES-Service requests):
 * hello world and the book collection answer exactly like Resgate's examples/hello-world and
 * examples/book-collection (same resource IDs, methods, params, error codes and messages, initial data);
 * search, login, per-user access, revocation and the ticker behave as documented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "sample.ticker-interval=100ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleServicesTests {

	@Autowired
	Messaging messaging;

	ServiceWire wire;

	@BeforeEach
	void connect() {
		wire = new ServiceWire(messaging);
	}

	@AfterEach
	void disconnect() {
		wire.close();
	}

	@Test
	@Order(1)
	void initialDataIsThatOfResgatesBookCollectionExample() throws Exception {
		assertThat(wire.request("get.library.books", "{}")).isEqualTo(wire.json("""
				{"result":{"collection":[{"rid":"library.book.1"},{"rid":"library.book.2"},{"rid":"library.book.3"}]}}"""));
		assertThat(wire.request("get.library.book.1", "{}")).isEqualTo(wire.json("""
				{"result":{"model":{"id":1,"title":"Animal Farm","author":"George Orwell"}}}"""));
		assertThat(wire.request("get.library.book.2", "{}")).isEqualTo(wire.json("""
				{"result":{"model":{"id":2,"title":"Brave New World","author":"Aldous Huxley"}}}"""));
		assertThat(wire.request("get.library.book.3", "{}")).isEqualTo(wire.json("""
				{"result":{"model":{"id":3,"title":"Coraline","author":"Neil Gaiman"}}}"""));
	}

	@Test
	@Order(2)
	void helloWorldIsThatOfResgatesExampleAndCanBeSet() throws Exception {
		assertThat(wire.request("get.example.model", "{}"))
			.isEqualTo(wire.json("{\"result\":{\"model\":{\"message\":\"Hello, World!\"}}}"));
		assertThat(wire.request("access.example.model", "{\"cid\":\"c1\"}").at("/result/get").asBoolean()).isTrue();

		BlockingQueue<String> events = wire.listen("event.example.model.>");
		assertThat(wire.request("call.example.model.set", "{\"cid\":\"c1\",\"params\":{\"message\":\"Hi\"}}"))
			.isEqualTo(wire.json("{\"result\":null}"));
		Published change = wire.next(events);
		assertThat(change.subject()).isEqualTo("event.example.model.change");
		assertThat(change.payload()).isEqualTo(wire.json("{\"values\":{\"message\":\"Hi\"}}"));

		assertThat(errorCode(wire.request("call.example.model.set", "{\"cid\":\"c1\",\"params\":{\"message\":\" \"}}")))
			.isEqualTo("system.invalidParams");
		wire.request("call.example.model.set", "{\"cid\":\"c1\",\"params\":{\"message\":\"Hello, World!\"}}");
	}

	@Test
	@Order(3)
	void everyoneHasFullAccessToTheLibrary() throws Exception {
		for (String rid : new String[] { "library.books", "library.book.1" }) {
			JsonNode access = wire.request("access." + rid, "{\"cid\":\"c1\"}");
			assertThat(access).isEqualTo(wire.json("{\"result\":{\"get\":true,\"call\":\"*\"}}"));
		}
	}

	@Test
	@Order(4)
	void setValidatesAndSendsOnlyChangedValues() throws Exception {
		assertThat(error(wire.request("call.library.book.2.set", "{\"cid\":\"c1\",\"params\":{\"title\":42}}")))
			.isEqualTo(wire.json("{\"code\":\"system.invalidParams\",\"message\":\"Title must be a string\"}"));
		assertThat(error(wire.request("call.library.book.2.set", "{\"cid\":\"c1\",\"params\":{\"title\":\"  \"}}")))
			.isEqualTo(wire.json("{\"code\":\"system.invalidParams\",\"message\":\"Title must not be empty\"}"));
		assertThat(error(wire.request("call.library.book.2.set", "{\"cid\":\"c1\",\"params\":{\"author\":null}}")))
			.isEqualTo(wire.json("{\"code\":\"system.invalidParams\",\"message\":\"Author must be a string\"}"));
		assertThat(errorCode(wire.request("call.library.book.999.set", "{\"cid\":\"c1\",\"params\":{\"title\":\"X\"}}")))
			.isEqualTo("system.notFound");
		assertThat(errorCode(wire.request("get.library.book.999", "{}"))).isEqualTo("system.notFound");

		BlockingQueue<String> events = wire.listen("event.library.book.2.>");
		assertThat(wire.request("call.library.book.2.set",
				"{\"cid\":\"c1\",\"params\":{\"title\":\"Brave New World\",\"author\":\"A. Huxley\"}}"))
			.isEqualTo(wire.json("{\"result\":null}"));
		Published change = wire.next(events);
		assertThat(change.subject()).isEqualTo("event.library.book.2.change");
		assertThat(change.payload()).isEqualTo(wire.json("{\"values\":{\"author\":\"A. Huxley\"}}"));
		assertThat(wire.request("get.library.book.2", "{}").at("/result/model/author").asString()).isEqualTo("A. Huxley");
		wire.request("call.library.book.2.set", "{\"cid\":\"c1\",\"params\":{\"author\":\"Aldous Huxley\"}}");
	}

	@Test
	@Order(5)
	void newAddsAtTheEndAndDeleteRemoves() throws Exception {
		assertThat(error(wire.request("call.library.books.new", "{\"cid\":\"c1\",\"params\":{\"title\":\"X\"}}")))
			.isEqualTo(wire.json("{\"code\":\"system.invalidParams\",\"message\":\"Must provide both title and author\"}"));
		assertThat(error(wire.request("call.library.books.delete", "{\"cid\":\"c1\",\"params\":{\"id\":\"4\"}}")))
			.isEqualTo(wire.json("{\"code\":\"system.invalidParams\",\"message\":\"Book ID must be a number\"}"));

		int size = wire.request("get.library.books", "{}").at("/result/collection").size();
		BlockingQueue<String> events = wire.listen("event.library.books.>");
		assertThat(wire.request("call.library.books.new",
				"{\"cid\":\"c1\",\"params\":{\"title\":\"We\",\"author\":\"Yevgeny Zamyatin\"}}"))
			.isEqualTo(wire.json("{\"result\":null}"));
		Published add = wire.next(events);
		assertThat(add.subject()).isEqualTo("event.library.books.add");
		assertThat(add.payload().at("/idx").asInt()).isEqualTo(size);
		String rid = add.payload().at("/value/rid").asString();
		assertThat(rid).startsWith("library.book.");
		long id = Long.parseLong(rid.substring("library.book.".length()));
		assertThat(wire.request("get." + rid, "{}")).isEqualTo(wire.json(
				"{\"result\":{\"model\":{\"id\":" + id + ",\"title\":\"We\",\"author\":\"Yevgeny Zamyatin\"}}}"));

		assertThat(wire.request("call.library.books.delete", "{\"cid\":\"c1\",\"params\":{\"id\":" + id + "}}"))
			.isEqualTo(wire.json("{\"result\":null}"));
		Published remove = wire.next(events);
		assertThat(remove.subject()).isEqualTo("event.library.books.remove");
		assertThat(remove.payload()).isEqualTo(wire.json("{\"idx\":" + size + "}"));
		assertThat(errorCode(wire.request("get." + rid, "{}"))).isEqualTo("system.notFound");

		assertThat(wire.request("call.library.books.delete", "{\"cid\":\"c1\",\"params\":{\"id\":" + id + "}}"))
			.isEqualTo(wire.json("{\"result\":null}"));
	}

	@Test
	@Order(6)
	void searchIsAQueryCollectionUpdatedByQueryEvents() throws Exception {
		assertThat(wire.request("get.library.search", "{\"query\":\"q=%20ORWELL&limit=5\"}")).isEqualTo(wire.json(
				"{\"result\":{\"collection\":[{\"rid\":\"library.book.1\"}],\"query\":\"q=orwell&offset=0&limit=5\"}}"));
		assertThat(errorCode(wire.request("get.library.search", "{\"query\":\"limit=0\"}"))).isEqualTo("system.invalidQuery");
		assertThat(errorCode(wire.request("get.library.search", "{\"query\":\"offset=x\"}"))).isEqualTo("system.invalidQuery");

		BlockingQueue<String> queryEvents = wire.listen("event.library.search.query");
		wire.request("call.library.books.new", "{\"cid\":\"c1\",\"params\":{\"title\":\"1984\",\"author\":\"George Orwell\"}}");
		Published query = wire.next(queryEvents);
		String subject = query.payload().at("/subject").asString();
		JsonNode answer = wire.request(subject, "{\"query\":\"q=orwell&offset=0&limit=5\"}");
		assertThat(answer.at("/result/collection")).hasSize(2);
		assertThat(answer.at("/result/collection/0/rid").asString()).isEqualTo("library.book.1");
	}

	@Test
	@Order(7)
	void loginSetsATokenThatGrantsPerUserAccess() throws Exception {
		assertThat(error(wire.request("auth.session.login",
				"{\"cid\":\"c1\",\"params\":{\"username\":\"jane\",\"password\":\"nope\"}}")))
			.isEqualTo(wire.json("{\"code\":\"session.wrongUsernamePassword\",\"message\":\"Wrong username or password\"}"));
		assertThat(errorCode(wire.request("access.account.jane", "{\"cid\":\"c1\"}"))).isEqualTo("system.accessDenied");

		BlockingQueue<String> tokens = wire.listen("conn.c1.token");
		JsonNode login = wire.request("auth.session.login",
				"{\"cid\":\"c1\",\"params\":{\"username\":\"jane\",\"password\":\"jane\"}}");
		assertThat(login).isEqualTo(wire.json("{\"result\":{\"user\":\"jane\",\"name\":\"Jane Doe\",\"role\":\"user\"}}"));
		Published token = wire.next(tokens);
		assertThat(token.payload().at("/tid").asString()).isEqualTo("jane");
		JsonNode janeToken = token.payload().get("token");
		assertThat(janeToken.get("user").asString()).isEqualTo("jane");

		String withToken = "{\"cid\":\"c1\",\"token\":" + janeToken + "}";
		assertThat(wire.request("access.account.jane", withToken).at("/result/get").asBoolean()).isTrue();
		assertThat(errorCode(wire.request("access.account.john", withToken))).isEqualTo("system.accessDenied");
		assertThat(wire.request("get.account.jane", "{}").at("/result/model/sessions").asInt()).isEqualTo(1);

		assertThat(wire.request("auth.session.logout", withToken)).isEqualTo(wire.json("{\"result\":null}"));
		assertThat(wire.next(tokens).payload().get("token").isNull()).isTrue();
		assertThat(wire.request("get.account.jane", "{}").at("/result/model/sessions").asInt()).isEqualTo(0);
	}

	@Test
	@Order(8)
	void revokeResetsTheTokensOfAUser() throws Exception {
		BlockingQueue<String> tokens = wire.listen("conn.c2.token");
		wire.request("auth.session.login", "{\"cid\":\"c2\",\"params\":{\"username\":\"john\",\"password\":\"john\"}}");
		JsonNode johnToken = wire.next(tokens).payload().get("token");
		String withToken = "{\"cid\":\"c2\",\"token\":" + johnToken + "}";

		assertThat(errorCode(wire.request("call.session.revoke",
				"{\"cid\":\"c2\",\"token\":" + johnToken + ",\"params\":{\"user\":\"jane\"}}")))
			.isEqualTo("system.accessDenied");

		BlockingQueue<String> resets = wire.listen("system.tokenReset");
		assertThat(wire.request("call.session.revoke", "{\"cid\":\"c2\",\"token\":" + johnToken + ",\"params\":{}}"))
			.isEqualTo(wire.json("{\"result\":{\"revoked\":1}}"));
		assertThat(wire.next(resets).payload())
			.isEqualTo(wire.json("{\"tids\":[\"john\"],\"subject\":\"auth.session.refresh\"}"));

		wire.request("auth.session.refresh", withToken);
		assertThat(wire.next(tokens).payload().get("token").isNull()).isTrue();
	}

	@Test
	@Order(9)
	void theTickerCountsAndSendsACustomEvent() throws Exception {
		BlockingQueue<String> events = wire.listen("event.ticker.model.>");
		Map<String, JsonNode> seen = new HashMap<>();
		for (int i = 0; i < 4 && seen.size() < 2; i++) {
			Published event = wire.next(events);
			seen.put(event.subject(), event.payload());
		}
		assertThat(seen).containsOnlyKeys("event.ticker.model.change", "event.ticker.model.tick");
		assertThat(seen.get("event.ticker.model.change").at("/values/seconds").isNumber()).isTrue();
		assertThat(seen.get("event.ticker.model.tick").at("/time").asString())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"); // to the millisecond at most
		assertThat(wire.request("access.ticker.model", "{\"cid\":\"c1\"}").at("/result/get").asBoolean())
			.as("readable by everyone").isTrue();
	}

	private static JsonNode error(JsonNode answer) {
		assertThat(answer.has("error")).as("error in %s", answer).isTrue();
		return answer.get("error");
	}

	private static String errorCode(JsonNode answer) {
		return error(answer).get("code").asString();
	}
}
