package io.resgate.spring.service.examples;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import io.resgate.spring.service.ServiceHarness;
import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.service.test.ResTestResponse;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resgate's Node.js examples rebuilt as annotated components, checked against the responses and events
 * the original services send (where go-res and the originals differ, as for denied access, go-res wins).
 */
class NodeExamplesTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final String SUCCESS = "{\"result\":null}";

	private static final String ACCESS_DENIED = "{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}";

	private static ServiceHarness harness(Transport t) throws Exception {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return new ServiceHarness(t, nats, b -> b.validator(validator));
	}

	private static Map<String, Object> nullUser() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", null);
		m.put("name", null);
		m.put("role", null);
		return m;
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void helloWorld(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.register(new HelloWorld(h.events())).start();
			ResTestClient c = h.client();
			c.get("example.model").assertPayload("{\"result\":{\"model\":{\"message\":\"Hello, World!\"}}}");
			c.access("example.model").assertPayload("{\"result\":{\"get\":true}}");
			c.call("example.model", "set", Map.of("message", "Hello, Spring!")).assertPayload(SUCCESS);
			assertThat(c.nextEvent().assertSubject("event.example.model.change").text())
				.isEqualTo("{\"values\":{\"message\":\"Hello, Spring!\"}}");
			c.call("example.model", "set", Map.of("message", "Hello, Spring!")).assertPayload(SUCCESS);
			c.assertNoEvent(Duration.ofMillis(100));
			c.get("example.model").assertModel(Map.of("message", "Hello, Spring!"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void bookCollection(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			BookCollection.Library library = new BookCollection.Library();
			h.register(new BookCollection.LibraryAccess(), new BookCollection.BookModel(library, h.events()),
					new BookCollection.BooksCollection(library, h.events()));
			h.start();
			ResTestClient c = h.client();
			c.access("library.books").assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
			c.access("library.book.1").assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
			c.get("library.books").assertPayload("{\"result\":{\"collection\":[{\"rid\":\"library.book.1\"},"
					+ "{\"rid\":\"library.book.2\"},{\"rid\":\"library.book.3\"}]}}");
			c.get("library.book.1")
				.assertPayload("{\"result\":{\"model\":{\"id\":1,\"title\":\"Animal Farm\",\"author\":\"George Orwell\"}}}");
			c.get("library.book.9").assertPayload("{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");

			// set with validation
			c.call("library.book.1", "set", Map.of("title", "  "))
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Title must not be empty\"}}");
			c.call("library.book.1", "set", Map.of("author", 42))
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Author must be a string\"}}");
			c.call("library.book.1", "set", Map.of("title", "1984")).assertPayload(SUCCESS);
			assertThat(c.nextEvent().assertSubject("event.library.book.1.change").text())
				.isEqualTo("{\"values\":{\"title\":\"1984\"}}");
			c.call("library.book.1", "set", Map.of("title", "1984", "author", "George Orwell")).assertPayload(SUCCESS);
			c.call("library.book.9", "set", Map.of("title", "x")).assertError("system.notFound");
			c.assertNoEvent(Duration.ofMillis(100));

			// new
			c.call("library.books", "new", Map.of("title", "Dune"))
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Must provide both title and author\"}}");
			c.call("library.books", "new", null).assertError("system.invalidParams", "Must provide both title and author");
			ResTestResponse created = c.call("library.books", "new", Map.of("title", "Dune", "author", "Frank Herbert"));
			assertThat(c.nextEvent().assertSubject("event.library.books.add").text())
				.isEqualTo("{\"value\":{\"rid\":\"library.book.4\"},\"idx\":3}");
			created.assertPayload(SUCCESS);
			c.get("library.book.4").assertModel(Map.of("id", 4, "title", "Dune", "author", "Frank Herbert"));

			// delete
			c.call("library.books", "delete", Map.of("id", "2"))
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Book ID must be a number\"}}");
			ResTestResponse deleted = c.call("library.books", "delete", Map.of("id", 2));
			assertThat(c.nextEvent().assertSubject("event.library.books.remove").text()).isEqualTo("{\"idx\":1}");
			deleted.assertPayload(SUCCESS);
			c.call("library.books", "delete", Map.of("id", 2)).assertPayload(SUCCESS);
			c.assertNoEvent(Duration.ofMillis(100));
			c.get("library.books").assertCollection(List.of(Map.of("rid", "library.book.1"),
					Map.of("rid", "library.book.3"), Map.of("rid", "library.book.4")));
			c.get("library.book.2").assertError("system.notFound");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void passwordAuthentication(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			PasswordAuthentication.Ticker ticker = new PasswordAuthentication.Ticker(h.events());
			h.register(new PasswordAuthentication.Passwd(), ticker).start();
			ResTestClient c = h.client();
			c.access("ticker.model").assertPayload(ACCESS_DENIED);
			c.request("auth", "passwd").method("login").cid("cid1").params(Map.of("password", "wrong")).send()
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid params: wrong password\"}}");
			ResTestResponse login = c.request("auth", "passwd").method("login").cid("cid1")
				.params(Map.of("password", "secret")).send();
			assertThat(c.nextEvent().assertSubject("conn.cid1.token").text()).isEqualTo("{\"token\":{\"foo\":\"bar\"}}");
			login.assertPayload(SUCCESS);
			c.access("ticker.model", Map.of("foo", "bar")).assertPayload("{\"result\":{\"get\":true}}");
			c.get("ticker.model").assertPayload("{\"result\":{\"model\":{\"seconds\":0}}}");
			ticker.tick();
			assertThat(c.nextEvent().assertSubject("event.ticker.model.change").text())
				.isEqualTo("{\"values\":{\"seconds\":1}}");
			ResTestResponse logout = c.request("auth", "passwd").method("logout").cid("cid1").send();
			assertThat(c.nextEvent().assertSubject("conn.cid1.token").text()).isEqualTo("{\"token\":null}");
			logout.assertPayload(SUCCESS);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void jwtAuthentication(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			h.register(new JwtAuthentication.AuthService(), new JwtAuthentication.ExampleService(h.events())).start();
			ResTestClient c = h.client();
			String jwt = JwtAuthentication.sign(Map.of("foo", "bar", "iat", 1700000000));
			c.request("auth", "auth").method("jwtHeader").cid("c1").http().send()
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid params: missing jwt token\"}}");
			c.request("auth", "auth").method("jwtHeader").cid("c1").header("Cookie", "access-token=" + jwt + "x").send()
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid params: invalid jwt token\"}}");
			ResTestResponse ok = c.request("auth", "auth").method("jwtHeader").cid("c1")
				.header("Cookie", "other=1; access-token=" + jwt).send();
			c.nextEvent().assertToken("c1", Map.of("foo", "bar", "iat", 1700000000));
			ok.assertPayload(SUCCESS);
			c.access("example.model").assertPayload(ACCESS_DENIED);
			c.access("example.model", Map.of("foo", "bar")).assertPayload("{\"result\":{\"get\":true,\"call\":\"set\"}}");
			c.get("example.model").assertPayload("{\"result\":{\"model\":{\"message\":\"Hello, secure World!\"}}}");
			c.call("example.model", "set", Map.of("message", "Hi")).assertPayload(SUCCESS);
			assertThat(c.nextEvent().assertSubject("event.example.model.change").text())
				.isEqualTo("{\"values\":{\"message\":\"Hi\"}}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void clientSession(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ClientSession.SessionService sessions = new ClientSession.SessionService(h.events());
			h.register(sessions, new ClientSession.UserModel(sessions), new ClientSession.Ticker()).start();
			ResTestClient c = h.client();
			c.get("session.user.c1").assertModel(nullUser());
			c.request("access", "session.user.c1").cid("c1").send().assertPayload("{\"result\":{\"get\":true}}");
			c.request("access", "session.user.c1").cid("c2").send().assertPayload(ACCESS_DENIED);
			c.access("ticker.model").assertPayload(ACCESS_DENIED);

			c.request("auth", "session").method("login").cid("c1").params(Map.of("username", "jane")).send()
				.assertPayload("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}}");
			c.request("auth", "session").method("login").cid("c1")
				.params(Map.of("username", "jane", "password", "nope")).send()
				.assertPayload("{\"error\":{\"code\":\"session.wrongUsernamePassword\",\"message\":\"Wrong username or password\"}}");
			ResTestResponse login = c.request("auth", "session").method("login").cid("c1")
				.params(Map.of("username", "Jane", "password", "jane")).send();
			var token = c.nextEvent().assertSubject("conn.c1.token").json().get("token");
			assertThat(token.get("userId").asInt()).isEqualTo(3);
			assertThat(token.get("role").asString()).isEqualTo("user");
			c.nextEvent().assertChange("session.user.c1", Map.of("id", 3, "name", "Jane Doe", "role", "user"));
			String key = login.json().get("result").get("reloginKey").asString();
			assertThat(key).isNotBlank();
			c.get("session.user.c1").assertModel(Map.of("id", 3, "name", "Jane Doe", "role", "user"));
			c.access("ticker.model", token).assertPayload("{\"result\":{\"get\":true}}");
			c.request("auth", "session").method("login").cid("c1").token(token)
				.params(Map.of("username", "jane", "password", "jane")).send()
				.assertPayload("{\"error\":{\"code\":\"session.alreadyLoggedIn\",\"message\":\"Already logged in\"}}");

			// relogin from a new connection moves the session
			ResTestResponse relogin = c.request("auth", "session").method("relogin").cid("c2")
				.params(Map.of("reloginKey", key)).send();
			c.nextEvent().assertToken("c1", null);
			c.nextEvent().assertSubject("conn.c2.token");
			c.nextEvent().assertChange("session.user.c2", Map.of("id", 3, "name", "Jane Doe", "role", "user"));
			String key2 = relogin.json().get("result").get("reloginKey").asString();
			assertThat(key2).isNotEqualTo(key);

			// reusing an old key disposes the session
			c.request("auth", "session").method("relogin").cid("c2").params(Map.of("reloginKey", key)).send()
				.assertPayload("{\"error\":{\"code\":\"session.invalidReloginKey\",\"message\":\"Invalid relogin key\"}}");
			c.nextEvent().assertChange("session.user.c2", nullUser());
			c.nextEvent().assertToken("c2", null);
			c.get("session.user.c2").assertModel(nullUser());
			c.request("auth", "session").method("logout").cid("c2").send().assertPayload(SUCCESS);
			c.assertNoEvent(Duration.ofMillis(100));
		}
	}
}
