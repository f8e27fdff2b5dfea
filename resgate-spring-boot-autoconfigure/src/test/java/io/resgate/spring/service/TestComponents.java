package io.resgate.spring.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.annotation.Cid;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.QueryParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResHeader;
import io.resgate.spring.service.annotation.ResMethod;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.annotation.ResToken;
import io.resgate.spring.service.events.ResEvents;

/**
 * Resource components exercising each feature of the service side.
 */
final class TestComponents {

	private TestComponents() {
	}

	record Item(long id, String name) {
	}

	record Rename(@NotBlank(message = "Name must not be empty") String name) {
	}

	record Token(String user, boolean admin) {
	}

	record Limits(@Max(50) int limit) {
	}

	/** A model with placeholders, access by token, set with validation, and many call variants. */
	@ResModel("test.item.$id")
	static final class ItemModel {

		final Map<Long, Item> items = new ConcurrentHashMap<>();

		final ResEvents events;

		volatile CountDownLatch block = new CountDownLatch(0);

		final CountDownLatch entered = new CountDownLatch(1);

		volatile CompletableFuture<String> pending = new CompletableFuture<>();

		ItemModel(ResEvents events) {
			this.events = events;
			items.put(1L, new Item(1, "one"));
			items.put(2L, new Item(2, "two"));
		}

		@ResAccess
		Access access(@ResToken Optional<Token> token) {
			return token.map(t -> t.admin() ? Access.granted() : Access.of(true, "rename"))
				.orElse(Access.denied());
		}

		@ResGet
		Optional<Item> get(@PathParam("id") long id) {
			return Optional.ofNullable(items.get(id));
		}

		@ResCall
		void rename(@PathParam long id, @Valid @ResParams Rename p) {
			Item old = items.get(id);
			if (old == null) {
				throw ResException.notFound();
			}
			Item updated = new Item(id, p.name());
			items.put(id, updated);
			events.changeDiff("test.item." + id, old, updated);
		}

		@ResCall("limits")
		int limits(@Valid @ResParams Limits l) {
			return l.limit();
		}

		@ResCall("fail")
		void fail() {
			throw new IllegalStateException("secret database password in this message");
		}

		@ResCall("custom")
		void custom() {
			throw new ResException("test.custom", "Custom error");
		}

		@ResCall("ref")
		ResRef ref(@PathParam("id") String id) {
			return ResRef.of("test.item." + id);
		}

		@ResCall("softref")
		Map<String, Object> softref() {
			return Map.of("ref", ResRef.soft("test.item.2"));
		}

		@ResCall("meta")
		ResResponse<String> meta() {
			return ResResponse.ok("done").withStatus(201).withHeader("Set-Cookie", "a=1", "b=2");
		}

		@ResCall("metaError")
		ResResponse<Void> metaError() {
			return ResResponse.<Void>error(io.resgate.spring.protocol.ResError.ACCESS_DENIED)
				.withStatus(401)
				.withHeader("WWW-Authenticate", "Bearer");
		}

		@ResCall("context")
		Map<String, Object> context(ResRequest r, @Cid String cid, @ResToken Token token) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("type", r.type());
			m.put("rid", r.rid());
			m.put("name", r.resourceName());
			m.put("id", r.pathParam("id"));
			m.put("method", r.method());
			m.put("cid", cid);
			m.put("user", (token == null) ? null : token.user());
			m.put("isHttp", r.isHttp());
			m.put("params", r.rawParams());
			return m;
		}

		@ResCall("*")
		Map<String, String> any(@ResMethod String method) {
			return Map.of("method", method);
		}

		@ResCall(value = "slow", timeout = "7s")
		String slow() {
			return "slow";
		}

		@ResCall("block")
		String block() throws InterruptedException {
			entered.countDown();
			block.await(10, TimeUnit.SECONDS);
			return "unblocked";
		}

		@ResCall("async")
		CompletableFuture<String> async() {
			return pending;
		}

		@ResCall("asyncFail")
		CompletableFuture<String> asyncFail() {
			return CompletableFuture.failedFuture(new ResException("test.async", "Async failure"));
		}

		@ResCall("empty")
		Optional<String> empty() {
			return Optional.empty();
		}
	}

	/** A collection of references. */
	@ResCollection("test.items")
	static final class ItemCollection {

		final List<ResRef> refs = new ArrayList<>(List.of(ResRef.of("test.item.1"), ResRef.of("test.item.2")));

		@ResAccess
		boolean access() {
			return true;
		}

		@ResGet
		List<ResRef> get() {
			return refs;
		}
	}

	/** A query collection, with normalized queries. */
	@ResCollection(value = "test.search", query = true)
	static final class Search {

		@ResGet
		QueryResult<List<Object>> get(@QueryParam(value = "limit", defaultValue = "2") int limit,
				@QueryParam("q") Optional<String> q) {
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < limit; i++) {
				list.add(q.orElse("x") + i);
			}
			return QueryResult.of(list, "limit=" + limit + q.map(v -> "&q=" + v).orElse(""));
		}
	}

	/** A query model without explicit normalization: the request's query is used. */
	@ResModel(value = "test.echo", query = true)
	static final class Echo {

		@ResGet
		Map<String, Object> get(ResRequest r) {
			return Map.of("query", r.query());
		}
	}

	/** Models with values the protocol forbids, and a data value it allows. */
	@ResModel("test.values.$kind")
	static final class Values {

		@ResGet
		Map<String, Object> get(@PathParam String kind) {
			return switch (kind) {
				case "nested" -> Map.of("nested", Map.of("a", 1));
				case "array" -> Map.of("list", List.of(1, 2));
				case "data" -> Map.of("nested", DataValue.of(Map.of("a", 1)), "list", DataValue.of(List.of(1, 2)));
				default -> null;
			};
		}
	}

	/** An auth endpoint reading headers and setting tokens. */
	@ResResource("test.auth")
	static final class Auth {

		@ResAuth("login")
		void login(@ResParams Map<String, String> params, ResRequest r) {
			if (!"secret".equals(params.get("password"))) {
				throw ResException.invalidParams("Wrong password");
			}
			r.setToken(new Token(params.get("user"), false), "tid-" + params.get("user"));
		}

		@ResAuth("header")
		Map<String, Object> header(@ResHeader("cookie") String cookie, @ResHeader("Accept") List<String> accept,
				@ResHeader Map<String, List<String>> all, ResRequest r) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("cookie", cookie);
			m.put("accept", accept);
			m.put("count", all.size());
			m.put("host", r.host());
			m.put("remoteAddr", r.remoteAddr());
			m.put("uri", r.uri());
			m.put("isHttp", r.isHttp());
			return m;
		}

		@ResAuth("cookie")
		ResResponse<Void> cookie(ResRequest r) {
			r.setResponseStatus(200);
			r.addResponseHeader("Set-Cookie", "session=1");
			return ResResponse.ok(null);
		}
	}

	/** Resources served here whose access belongs to another service. */
	@ResModel("test.noaccess")
	static final class NoAccess {

		@ResGet
		Map<String, Object> get() {
			return Map.of("ok", true);
		}
	}

	/** A model with a get handler that runs in parallel with its other requests. */
	@ResModel("test.parallel")
	static final class ParallelGet {

		volatile CountDownLatch block = new CountDownLatch(0);

		@ResGet(parallel = true)
		Map<String, Object> get() {
			return Map.of("ok", true);
		}

		@ResCall("block")
		String block() throws InterruptedException {
			block.await(10, TimeUnit.SECONDS);
			return "unblocked";
		}
	}
}
