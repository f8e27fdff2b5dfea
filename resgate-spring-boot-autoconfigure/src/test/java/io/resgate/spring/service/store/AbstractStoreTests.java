package io.resgate.spring.service.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nats.client.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Sort;

import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resources that live in a database through {@code @ResStore}, on a real NATS server and a real database
 * server (H2 or PostgreSQL), with Spring Data JDBC or JPA (the subclasses choose both): gets, the events of
 * creates, changes and deletes (through the store API and through the repository), rollbacks, bad input, the
 * database going away and coming back, and two service instances behind two gateways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractStoreTests {

	@RegisterExtension
	static final NatsServerExtension nats = new NatsServerExtension();

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ResCodec codec = new ResCodec();

	private final List<ConfigurableApplicationContext> extraApps = new ArrayList<>();

	private TestDatabase database;

	private ConfigurableApplicationContext service;

	private NatsMessaging clientConnection;

	ResTestClient client;

	StoreBookRepository books;

	EntityStore store;

	StoreBook farm;

	StoreBook brave;

	StoreBook coraline;

	/** @return the database the tests run against; started by the test */
	abstract TestDatabase database() throws Exception;

	/** @return the Spring Data module the service keeps its books with */
	StoreApp.Persistence persistence() {
		return StoreApp.Persistence.JDBC;
	}

	@BeforeAll
	void startService() throws Exception {
		database = database();
		database.start();
		service = startService(database);
		books = service.getBean(StoreBookRepository.class);
		store = service.getBean(EntityStore.class);
		clientConnection = connect();
		client = new ResTestClient(clientConnection, codec).timeout(Duration.ofSeconds(10));
		clientConnection.connection().flush(Duration.ofSeconds(5));
	}

	@AfterAll
	void stopService() throws Exception {
		if (client != null) {
			client.close();
		}
		if (clientConnection != null) {
			clientConnection.close();
		}
		if (service != null) {
			service.close();
		}
		if (database instanceof TestDatabase.H2 h2) {
			h2.delete();
		}
		else if (database != null) {
			database.stop();
		}
	}

	@BeforeEach
	void seed() throws Exception {
		closeExtraApps();
		awaitQuiet();
		books.deleteAll();
		List<StoreBook> seeded = books.saveAll(List.of(new StoreBook(null, "Animal Farm", "orwell"),
				new StoreBook(null, "Brave New World", "huxley"), new StoreBook(null, "Coraline", "gaiman")));
		farm = seeded.get(0);
		brave = seeded.get(1);
		coraline = seeded.get(2);
		awaitQuiet();
		// the seed's events are out of the service's connection before the client forgets them
		((NatsMessaging) service.getBean(Messaging.class)).connection().flush(Duration.ofSeconds(5));
		client.clearEvents();
	}

	@Test
	void getsModelsCollectionsAndQueryCollectionsFromTheDatabase() {
		client.get(farm.rid()).assertModel(Map.of("id", farm.getId(), "title", "Animal Farm", "author", "orwell"));
		client.get("store.books").assertCollection(refs(farm, brave, coraline));
		client.get("store.author.huxley.books").assertCollection(refs(brave));
		client.get("store.search?q=%20RA&limit=5").assertCollection(refs(brave, coraline)).assertQuery("q=ra&limit=5");
		client.get("store.search?limit=0").assertError("system.invalidQuery");
	}

	@Test
	void aCreateSendsCreateAddAndQueryEventsAfterTheCommit() {
		String rid = client.call("store.books", "new", Map.of("title", "Animal Dreams", "author", "kingsolver"))
			.json().at("/resource/rid").asString();
		StoreBook dreams = books.findAll(Sort.by("id")).get(3);
		assertThat(rid).isEqualTo(dreams.rid());
		client.nextEventOf(rid).assertEvent(rid, "create", null);
		client.nextEventOf("store.books").assertAdd("store.books", Map.of("rid", rid), 3);
		client.nextEventOf("store.author.kingsolver.books").assertAdd("store.author.kingsolver.books", Map.of("rid", rid), 0);
		String inbox = client.nextEventOf("store.search").assertQueryEvent("store.search");
		client.query(inbox, "q=animal&limit=10").assertCollection(refs(farm, dreams));
		client.query(inbox, "q=zzz&limit=10").assertCollection(List.of());
	}

	@Test
	void aChangeSendsTheChangedValuesAndMovesTheBookBetweenKeyedCollections() {
		client.call(brave.rid(), "set", Map.of("title", "Brave New World Revisited")).assertResult(null);
		client.nextEventOf(brave.rid()).assertChange(brave.rid(), Map.of("title", "Brave New World Revisited"));
		client.nextEventOf("store.search").assertQueryEvent("store.search");

		client.call(brave.rid(), "set", Map.of("author", "orwell")).assertResult(null);
		client.nextEventOf(brave.rid()).assertChange(brave.rid(), Map.of("author", "orwell"));
		client.nextEventOf("store.author.huxley.books").assertRemove("store.author.huxley.books", 0);
		client.nextEventOf("store.author.orwell.books").assertAdd("store.author.orwell.books", Map.of("rid", brave.rid()), 1);
		client.nextEventOf("store.search").assertQueryEvent("store.search");
		client.assertNoEvent(Duration.ofMillis(500));
	}

	@Test
	void aDeleteSendsDeleteAndRemoveEvents() {
		client.call("store.books", "delete", Map.of("id", brave.getId())).assertResult(true);
		client.nextEventOf(brave.rid()).assertEvent(brave.rid(), "delete", null);
		client.nextEventOf("store.books").assertRemove("store.books", 1);
		client.nextEventOf("store.author.huxley.books").assertRemove("store.author.huxley.books", 0);
		client.nextEventOf("store.search").assertQueryEvent("store.search");
		client.get(brave.rid()).assertError("system.notFound");
		client.call("store.books", "delete", Map.of("id", brave.getId())).assertResult(false);
		client.assertNoEvent(Duration.ofMillis(300));
	}

	@Test
	void writesThroughTheStoreApiAndInOneTransactionSendTheirEventsAfterTheCommit() {
		store.inTransaction(() -> {
			store.save(new StoreBook(null, "The Graveyard Book", "gaiman"));
			store.update(StoreBook.class, coraline.getId(), b -> new StoreBook(b.getId(), "Coraline (10th anniversary)", b.getAuthor()));
			// nothing is sent before the commit
			client.assertNoEvent(Duration.ofMillis(200));
			return null;
		});
		StoreBook graveyard = books.findByAuthorOrderById("gaiman").get(1);
		client.nextEventOf(coraline.rid()).assertChange(coraline.rid(), Map.of("title", "Coraline (10th anniversary)"));
		client.nextEventOf("store.books").assertAdd("store.books", Map.of("rid", graveyard.rid()), 3);
		client.nextEventOf("store.author.gaiman.books").assertAdd("store.author.gaiman.books", Map.of("rid", graveyard.rid()), 1);
		assertThat(store.delete(StoreBook.class, String.valueOf(graveyard.getId()))).isTrue();
		client.nextEventOf("store.books").assertRemove("store.books", 3);
	}

	@Test
	void entitiesReadChangedInPlaceAndSavedOrDeletedThroughTheRepositorySendTheirEventsAfterTheCommit() {
		store.inTransaction(() -> {
			StoreBook book = books.findById(brave.getId()).orElseThrow();
			book.setAuthor("orwell");
			books.save(book);
			books.delete(books.findById(coraline.getId()).orElseThrow());
			client.assertNoEvent(Duration.ofMillis(200));
			return null;
		});
		client.nextEventOf(brave.rid()).assertChange(brave.rid(), Map.of("author", "orwell"));
		client.nextEventOf("store.author.huxley.books").assertRemove("store.author.huxley.books", 0);
		client.nextEventOf("store.author.orwell.books").assertAdd("store.author.orwell.books", Map.of("rid", brave.rid()), 1);
		client.nextEventOf(coraline.rid()).assertEvent(coraline.rid(), "delete", null);
		client.nextEventOf("store.books").assertRemove("store.books", 2);
		client.nextEventOf("store.author.gaiman.books").assertRemove("store.author.gaiman.books", 0);
		client.nextEventOf("store.search").assertQueryEvent("store.search");
		client.assertNoEvent(Duration.ofMillis(300));
	}

	@Test
	void aRollbackSendsNoEvent() {
		client.call("store.books", "newThenFail", Map.of("title", "Never Saved", "author", "nobody"))
			.assertError("system.invalidParams", "Rolled back on purpose");
		assertThatThrownBy(() -> store.inTransaction(() -> {
			books.save(new StoreBook(null, "Never Saved Either", "nobody"));
			books.deleteById(farm.getId());
			throw new IllegalStateException("rollback");
		})).isInstanceOf(IllegalStateException.class);
		client.assertNoEvent(Duration.ofMillis(500));
		assertThat(books.count()).isEqualTo(3);
		client.get("store.books").assertCollection(refs(farm, brave, coraline));
	}

	@Test
	void badInputIsInvalidParamsAndUnknownIdsAreNotFound() {
		client.call("store.books", "new", Map.of("title", "Coraline", "author", "someone"))
			.assertError("system.invalidParams");
		String duplicate = client.call("store.books", "new", Map.of("title", "Coraline", "author", "someone"))
			.json().at("/error/message").asString();
		assertThat(duplicate).startsWith("Already exists: ").containsIgnoringCase("store_book");
		client.call("store.books", "new", Map.of("title", " ", "author", "someone"))
			.assertError("system.invalidParams", "title: must not be blank");
		client.call(farm.rid(), "set", Map.of("author", "")).assertError("system.invalidParams", "author: must not be blank");
		client.get("store.book.999999").assertError("system.notFound");
		client.get("store.book.abc").assertError("system.notFound");
		client.call("store.book.999999", "set", Map.of("title", "X")).assertError("system.notFound");
		client.assertNoEvent(Duration.ofMillis(300));
	}

	@Test
	void aWriteTheStoreCannotFollowResetsTheResourcesOfTheEntity() {
		assertThat(books.renameAuthor("gaiman", "neil")).isEqualTo(1);
		JsonNode reset = client.nextEvent().assertSubject("system.reset").json();
		List<String> patterns = new ArrayList<>();
		reset.get("resources").forEach(p -> patterns.add(p.asString()));
		assertThat(patterns).containsExactlyInAnyOrder("store.book.*", "store.books", "store.author.*.books", "store.search");
	}

	@Test
	void theDatabaseStoppedAndStartedAgain(CapturedOutput output) throws Exception {
		int logged = count(output, "Database unavailable");
		int errors = count(output, "Error handling request");
		database.stop();
		try {
			client.get(farm.rid()).assertError("system.internalError");
			client.get("store.books").assertError("system.internalError");
			client.call("store.books", "new", Map.of("title", "Lost", "author", "nobody")).assertError("system.internalError");
		}
		finally {
			database.start();
		}
		assertThat(count(output, "Database unavailable") - logged).as(output.getAll()).isEqualTo(1);
		assertThat(count(output, "Error handling request") - errors).as("requests logged with a stack trace").isZero();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!client.get(farm.rid()).json().has("result")) {
			assertThat(System.nanoTime()).as("the service reads the database again").isLessThan(deadline);
		}
		client.get("store.books").assertCollection(refs(farm, brave, coraline));
		client.call(farm.rid(), "set", Map.of("title", "Animal Farm: A Fairy Story")).assertResult(null);
		client.nextEventOf(farm.rid()).assertChange(farm.rid(), Map.of("title", "Animal Farm: A Fairy Story"));
		assertThat(output.getAll()).contains("Database available again");
	}

	@Test
	void twoServiceInstancesOnOneNatsAndOneDatabaseEachSendTheirEventsAndClientsOfBothGatewaysConverge()
			throws Exception {
		ConfigurableApplicationContext second = startService(database);
		extraApps.add(second);
		ConfigurableApplicationContext gateway1 = startGateway();
		ConfigurableApplicationContext gateway2 = startGateway();
		try (WsTestClient a = WsTestClient.connect(wsUri(gateway1)); WsTestClient b = WsTestClient.connect(wsUri(gateway2))) {
			CollectionView viewA = CollectionView.subscribe(a, "store.books");
			CollectionView viewB = CollectionView.subscribe(b, "store.books");
			assertThat(viewA.rids()).isEqualTo(rids(books.findAll(Sort.by("id"))));

			// one after the other, through either instance (the queue group picks one)
			for (int i = 0; i < 6; i++) {
				client.call("store.books", "new", Map.of("title", "Sequential " + i, "author", "seq")).json();
			}
			client.call("store.books", "delete", Map.of("id", brave.getId())).assertResult(true);
			List<String> expected = rids(books.findAll(Sort.by("id")));
			viewA.awaitEqual(expected);
			viewB.awaitEqual(expected);

			// at the same time, from several connections
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					int thread = t;
					done.add(pool.submit(() -> {
						try (NatsMessaging m = connect(); ResTestClient writer = new ResTestClient(m, codec)) {
							for (int i = 0; i < 5; i++) {
								String rid = writer.call("store.books", "new",
										Map.of("title", "Concurrent " + thread + "-" + i, "author", "conc"))
									.json().at("/resource/rid").asString();
								if (i % 2 == 1) {
									writer.call("store.books", "delete",
											Map.of("id", Long.parseLong(rid.substring("store.book.".length()))))
										.assertResult(true);
								}
							}
						}
						return null;
					}));
				}
				for (Future<?> f : done) {
					f.get();
				}
			}
			finally {
				pool.shutdownNow();
			}
			expected = rids(books.findAll(Sort.by("id")));
			assertThat(expected).hasSize(3 - 1 + 6 + 4 * 3);
			viewA.awaitEqual(expected);
			viewB.awaitEqual(expected);
			try (WsTestClient fresh = WsTestClient.connect(wsUri(gateway2))) {
				assertThat(CollectionView.subscribe(fresh, "store.books").rids()).isEqualTo(expected);
			}
		}
		long first = service.getBean(ResServiceRegistry.class).stats().requests("call", true);
		long other = second.getBean(ResServiceRegistry.class).stats().requests("call", true);
		assertThat(first).as("calls answered by the first instance").isPositive();
		assertThat(other).as("calls answered by the second instance").isPositive();
		closeExtraApps();
	}

	private void closeExtraApps() {
		extraApps.forEach(ConfigurableApplicationContext::close);
		extraApps.clear();
	}

	/** Waits until the service has checked the events it sent and sent the resets it found necessary. */
	private void awaitQuiet() {
		StoreEvents events = service.getBean(StoreEvents.class);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!events.isQuiet()) {
			assertThat(System.nanoTime()).as("the store settles").isLessThan(deadline);
			java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
		}
	}

	private ConfigurableApplicationContext startService(TestDatabase db) {
		List<String> args = new ArrayList<>(List.of(StoreApp.PROPERTIES));
		args.addAll(List.of(db.properties()));
		args.addAll(List.of(persistence().properties()));
		args.addAll(List.of("--resgate.nats.url=" + nats.url(), "--resgate.gateway.enabled=false",
				"--resgate.service.queue-group=store"));
		return new SpringApplicationBuilder(StoreApp.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
	}

	private ConfigurableApplicationContext startGateway() {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayOnly.class).web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--resgate.nats.url=" + nats.url(), "--resgate.service.enabled=false");
		extraApps.add(app);
		return app;
	}

	private static URI wsUri(ConfigurableApplicationContext app) {
		return URI.create("ws://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/");
	}

	private static NatsMessaging connect() throws Exception {
		return NatsMessaging.connect(new Options.Builder().server(nats.url())
			.reconnectWait(Duration.ofMillis(100))
			.maxReconnects(-1));
	}

	private static List<Map<String, String>> refs(StoreBook... books) {
		return java.util.Arrays.stream(books).map(b -> Map.of("rid", b.rid())).toList();
	}

	private static List<String> rids(List<StoreBook> books) {
		return books.stream().map(StoreBook::rid).toList();
	}

	private static int count(CapturedOutput output, String text) {
		Matcher m = Pattern.compile(Pattern.quote(text)).matcher(output.getAll());
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	/** A gateway only: no services, no store. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayOnly {
	}

	/** What a WebSocket client knows of a collection of references: the subscribe result and its events. */
	static final class CollectionView {

		private final WsTestClient client;

		private final String rid;

		private final List<String> rids = new ArrayList<>();

		private CollectionView(WsTestClient client, String rid) {
			this.client = client;
			this.rid = rid;
		}

		static CollectionView subscribe(WsTestClient client, String rid) {
			client.request("version", "{\"protocol\":\"1.2.3\"}");
			JsonNode r = client.request("subscribe." + rid, null);
			CollectionView view = new CollectionView(client, rid);
			r.at("/result/collections/" + rid).forEach(v -> view.rids.add(v.get("rid").asString()));
			return view;
		}

		List<String> rids() {
			return List.copyOf(rids);
		}

		/** Applies the frames that arrive until the view is the expected one; fails if frames stop before. */
		void awaitEqual(List<String> expected) {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!rids.equals(expected)) {
				assertThat(System.nanoTime()).as("%s converges on %s, is %s", rid, expected, rids).isLessThan(deadline);
				JsonNode f = client.next();
				String event = f.path("event").asString("");
				if (event.equals(rid + ".add")) {
					rids.add(f.at("/data/idx").asInt(), f.at("/data/value/rid").asString());
				}
				else if (event.equals(rid + ".remove")) {
					rids.remove(f.at("/data/idx").asInt());
				}
			}
		}
	}
}
