package io.resgate.spring.service;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.annotation.ResToken;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.examples.BookCollection;
import io.resgate.spring.service.security.ResAuthenticationConverter;
import io.resgate.spring.service.security.ServiceSecurityConfigurer;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.service.test.ResTestSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit as users see it: components unit-tested without NATS and without Spring.
 */
class ResTestSessionTests {

	@Test
	void unitTestsComponentsWithRequestsAndEvents() {
		try (ResTestSession session = new ResTestSession()) {
			BookCollection.Library library = new BookCollection.Library();
			session.register(new BookCollection.BookModel(library, session.events()),
					new BookCollection.BooksCollection(library, session.events()))
				.start();
			session.get("library.book.1")
				.assertModel(Map.of("id", 1, "title", "Animal Farm", "author", "George Orwell"));
			session.call("library.book.1", "set", Map.of("title", ""))
				.assertError("system.invalidParams", "Title must not be empty");
			session.call("library.book.1", "set", Map.of("title", "1984")).assertResult(null);
			session.nextEvent().assertChange("library.book.1", Map.of("title", "1984"));
			// Bean Validation is on: @Valid params are checked
			session.call("library.books", "new", Map.of())
				.assertError("system.invalidParams", "Must provide both title and author");
			session.assertNoEvent(Duration.ofMillis(50));
		}
	}

	@ResResource("vault")
	@ResAccess(call = "true")
	static final class Vault {

		@ResCall
		@PreAuthorize("hasRole('ADMIN')")
		String open(@AuthenticationPrincipal String name) {
			return "opened by " + name;
		}
	}

	@Test
	void unitTestsPreAuthorizeWithTheSecurityConfigurer() {
		try (ResTestSession session = new ResTestSession()) {
			session.configure(new ServiceSecurityConfigurer(ResAuthenticationConverter.nameAndAuthorities(),
					new DefaultMethodSecurityExpressionHandler(), null))
				.register(new Vault())
				.start();
			session.call("vault", "open", null, Map.of("name", "root", "authorities", List.of("ROLE_ADMIN")))
				.assertResult("opened by root");
			session.call("vault", "open", null, Map.of("name", "jane", "authorities", List.of("ROLE_USER")))
				.assertError("system.accessDenied");
		}
	}

	@Test
	void failedAssertionsSayWhatCameInstead() {
		try (ResTestSession session = new ResTestSession(b -> b.resetOnStart(false))) {
			session.register(new BookCollection.BookModel(new BookCollection.Library(), session.events())).start();
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.get("library.book.1").assertError("system.notFound"))
				.withMessageContaining("Animal Farm");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.get("library.book.1").assertCollection(List.of()))
				.withMessageContaining("expected a collection");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.client().nextEvent(Duration.ofMillis(50)))
				.withMessageContaining("no event");
		}
	}

	@Test
	void everyRequestOfTheClientHasTheSameOverloadsOnTheSession() {
		Set<String> notForwarded = Set.of("timeout", "codec", "send", "close");
		List<String> missing = Arrays.stream(ResTestClient.class.getMethods())
			.filter(m -> m.getDeclaringClass() == ResTestClient.class && !Modifier.isStatic(m.getModifiers()))
			.filter(m -> !notForwarded.contains(m.getName()))
			.filter(m -> !hasMethod(ResTestSession.class, m))
			.map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
			.toList();
		assertThat(missing).isEmpty();
	}

	@Test
	void tokensGoWithAccessCallAndAuthAlike() {
		try (ResTestSession session = new ResTestSession()) {
			session.register(new Secret()).start();
			Map<String, String> token = Map.of("user", "jane");
			session.access("test.secret").assertError("system.accessDenied");
			session.access("test.secret", token).assertAccess(true, "whoami");
			session.call("test.secret", "whoami", null).assertResult(null);
			session.call("test.secret", "whoami", null, token).assertResult(token);
			session.auth("test.secret", "echo", null).assertResult(null);
			session.auth("test.secret", "echo", null, token).assertResult(token);
		}
	}

	@Test
	void nextEventOfTakesOneResourcesEventAndLeavesTheOthers() {
		try (ResTestSession session = new ResTestSession()) {
			session.register(new Counters(session.events())).start();
			session.call("test.a", "inc", null).assertResult(null);
			session.call("test.b", "inc", null).assertResult(null);
			session.call("test.a", "inc", null).assertResult(null);

			session.nextEventOf("test.b").assertChange("test.b", Map.of("count", 1));
			session.nextEvent().assertChange("test.a", Map.of("count", 1));
			session.nextEventOf("test.a").assertChange("test.a", Map.of("count", 2));
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> session.client().nextEventOf("test", Duration.ofMillis(50)))
				.withMessageContaining("no event of test");
		}
	}

	@Test
	void clearEventsForgetsEverythingPublishedBefore() throws Exception {
		try (ResTestSession session = new ResTestSession()) {
			Counters counters = new Counters(session.events());
			session.register(counters).start();
			// a slow subscriber holds the bus' delivery: the events below are published, not yet delivered
			CountDownLatch hold = new CountDownLatch(1);
			session.messaging().subscribe("event.test.a.change", m -> awaitQuietly(hold));
			List<CompletableFuture<Void>> published = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				published.add(counters.incrementFromOutside("a"));
			}
			CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();

			Thread tester = Thread.currentThread();
			CompletableFuture<Void> releaser = CompletableFuture.runAsync(() -> {
				long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
				while (tester.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
					Thread.onSpinWait();
				}
				hold.countDown(); // clearEvents waits for the bus: let it deliver
			});
			session.clearEvents();
			hold.countDown();
			releaser.join();

			session.assertNoEvent(Duration.ofMillis(100));
			session.call("test.a", "inc", null).assertResult(null);
			session.nextEvent().assertChange("test.a", Map.of("count", 21));
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static boolean hasMethod(Class<?> type, Method like) {
		try {
			type.getMethod(like.getName(), like.getParameterTypes());
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/** Readable and callable with any token; its call and auth handlers answer the token they got. */
	@ResModel("test.secret")
	static class Secret {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}

		@ResAccess
		Access access(@ResToken JsonNode token) {
			return token == null || token.isNull() ? Access.denied() : Access.of(true, "whoami");
		}

		@ResCall("whoami")
		JsonNode whoami(@ResToken JsonNode token) {
			return token;
		}

		@ResAuth("echo")
		JsonNode echo(@ResToken JsonNode token) {
			return token;
		}
	}

	/** Models {@code test.<name>} with a count, and a call that increments it. */
	@ResModel("test.$name")
	static class Counters {

		private final ResEvents events;

		private final Map<String, Integer> counts = new ConcurrentHashMap<>();

		Counters(ResEvents events) {
			this.events = events;
		}

		@ResGet
		Map<String, Object> get(@PathParam("name") String name) {
			return Map.of("count", counts.getOrDefault(name, 0));
		}

		@ResCall("inc")
		void inc(@PathParam("name") String name) {
			events.change("test." + name, Map.of("count", counts.merge(name, 1, Integer::sum)));
		}

		CompletableFuture<Void> incrementFromOutside(String name) {
			return events.with("test." + name, () -> inc(name));
		}
	}
}
