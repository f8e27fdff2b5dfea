package io.resgate.spring.gateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resource cache on the in-process bus, with recording subscribers.
 */
class ResourceCacheTests {

	private final LocalMessaging bus = new LocalMessaging();

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final ResourceCache cache = new ResourceCache(bus, new ResCodec(), pool, timer,
			Duration.ofSeconds(2), Duration.ofMillis(100), 0);

	private final BlockingQueue<Message> requests = new LinkedBlockingQueue<>();

	ResourceCacheTests() {
		bus.subscribe("get.>", requests::add);
		cache.start();
	}

	@AfterEach
	void close() {
		cache.stop();
		pool.shutdownNow();
		timer.shutdownNow();
		bus.close();
	}

	/** Records what the cache tells it. */
	static final class Recorder implements CacheSubscriber {
		final String name;

		final String query;

		final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();

		volatile CachedResource resource;

		Recorder(String name, String query) {
			this.name = name;
			this.query = query;
		}

		@Override
		public String resourceName() {
			return name;
		}

		@Override
		public String resourceQuery() {
			return query;
		}

		@Override
		public void loaded(CachedResource r, ResError error) {
			resource = r;
			calls.add((error != null) ? error : r);
		}

		@Override
		public void event(ResourceEvent event) {
			calls.add(event);
		}

		@Override
		public void reaccess(Throttle throttle) {
			calls.add("reaccess");
		}

		Object next() throws InterruptedException {
			Object o = calls.poll(2, TimeUnit.SECONDS);
			assertThat(o).as("a call on " + name).isNotNull();
			return o;
		}
	}

	private Message nextRequest() throws InterruptedException {
		Message m = requests.poll(2, TimeUnit.SECONDS);
		assertThat(m).as("a get request").isNotNull();
		return m;
	}

	private void respond(Message m, String json) {
		bus.publish(m.replyTo(), json.getBytes());
	}

	@Test
	void oneGetRequestServesAllSubscribersAndEventsBeforeTheResponseAreDropped() throws Exception {
		Recorder a = new Recorder("test.model", "");
		Recorder b = new Recorder("test.model", "");
		cache.subscribe(a, null);
		cache.subscribe(b, null);
		Message get = nextRequest();
		assertThat(get.subject()).isEqualTo("get.test.model");
		bus.publish("event.test.model.change", "{\"values\":{\"a\":2}}".getBytes());
		respond(get, "{\"result\":{\"model\":{\"a\":1}}}");
		assertThat(a.next()).isInstanceOf(CachedResource.class);
		assertThat(b.next()).isInstanceOf(CachedResource.class);
		assertThat(a.resource.state().model().get("a").json().asInt()).isEqualTo(1);
		assertThat(requests.poll(100, TimeUnit.MILLISECONDS)).isNull();
		assertThat(a.calls.poll(50, TimeUnit.MILLISECONDS)).isNull();

		bus.publish("event.test.model.change", "{\"values\":{\"a\":2,\"b\":{\"action\":\"delete\"}}}".getBytes());
		ResourceEvent ev = (ResourceEvent) a.next();
		assertThat(ev.changed()).containsOnlyKeys("a");
		assertThat(ev.version()).isZero();
		assertThat(b.next()).isSameAs(ev);
		assertThat(a.resource.state().version()).isEqualTo(1);
	}

	@Test
	void aFailedGetReachesAllWaitingSubscribersAndIsNotCached() throws Exception {
		Recorder a = new Recorder("test.err", "");
		cache.subscribe(a, null);
		respond(nextRequest(), "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");
		assertThat(a.next()).isEqualTo(ResError.NOT_FOUND);
		Recorder b = new Recorder("test.err", "");
		cache.subscribe(b, null);
		assertThat(nextRequest().subject()).isEqualTo("get.test.err");
	}

	@Test
	void releasesAResourceAfterTheUnsubscribeDelay() throws Exception {
		Recorder a = new Recorder("test.rel", "");
		cache.subscribe(a, null);
		respond(nextRequest(), "{\"result\":{\"collection\":[1,2]}}");
		a.next();
		assertThat(cache.isCached("test.rel")).isTrue();
		a.resource.unsubscribe(a);
		await().atMost(Duration.ofSeconds(2)).until(() -> !cache.isCached("test.rel"));
	}

	@Test
	void manyResourcesLetGoAreAllReleasedAfterTheDelay() throws Exception {
		List<Recorder> recorders = new java.util.ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Recorder r = new Recorder("test.many" + i, "");
			cache.subscribe(r, null);
			respond(nextRequest(), "{\"result\":{\"model\":{\"i\":" + i + "}}}");
			r.next();
			recorders.add(r);
		}
		for (Recorder r : recorders) {
			r.resource.unsubscribe(r);
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> recorders.stream().noneMatch(r -> cache.isCached(r.name)));
	}

	@Test
	void aResourceUsedAgainWhileItWaitsForReleaseStaysTheDelayAfterItsLastUse() throws Exception {
		ResourceCache slow = new ResourceCache(bus, new ResCodec(), pool, timer, Duration.ofSeconds(2),
				Duration.ofSeconds(1), 0);
		slow.start();
		try {
			Recorder a = new Recorder("test.again", "");
			slow.subscribe(a, null);
			respond(nextRequest(), "{\"result\":{\"model\":{\"a\":1}}}");
			a.next();
			a.resource.unsubscribe(a); // waits for release, due in 1 s
			Recorder b = new Recorder("test.again", "");
			slow.subscribe(b, null);
			assertThat(b.next()).isSameAs(a.resource);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> slow.isCached("test.again"));
			b.resource.unsubscribe(b); // let go again half-way: due 1 s from now, not at the first due time
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> slow.isCached("test.again"));
			await().atMost(Duration.ofSeconds(3)).until(() -> !slow.isCached("test.again"));
			assertThat(requests).isEmpty();
		}
		finally {
			slow.stop();
		}
	}

	@Test
	void addAndRemoveEventsAreIndexValidated() throws Exception {
		Recorder a = new Recorder("test.col", "");
		cache.subscribe(a, null);
		respond(nextRequest(), "{\"result\":{\"collection\":[\"a\",\"b\"]}}");
		a.next();
		bus.publish("event.test.col.add", "{\"idx\":5,\"value\":\"x\"}".getBytes());
		bus.publish("event.test.col.remove", "{\"idx\":2}".getBytes());
		bus.publish("event.test.col.add", "{\"idx\":2,\"value\":\"c\"}".getBytes());
		ResourceEvent ev = (ResourceEvent) a.next();
		assertThat(ev.name()).isEqualTo("add");
		assertThat(ev.idx()).isEqualTo(2);
		assertThat(a.resource.state().collection()).hasSize(3);
	}

	@Test
	void systemResetDiffsTheFreshModelIntoAChangeEvent() throws Exception {
		Recorder a = new Recorder("test.reset", "");
		cache.subscribe(a, null);
		respond(nextRequest(), "{\"result\":{\"model\":{\"a\":1,\"b\":2}}}");
		a.next();
		bus.publish("system.reset", "{\"resources\":[\"test.>\"]}".getBytes());
		respond(nextRequest(), "{\"result\":{\"model\":{\"a\":1,\"c\":3}}}");
		ResourceEvent ev = (ResourceEvent) a.next();
		assertThat(ev.name()).isEqualTo("change");
		assertThat(ev.changed()).containsOnlyKeys("b", "c");
		assertThat(ev.changed().get("b")).isSameAs(ResValue.DELETE);
	}

	@Test
	void queryResourcesShareTheNormalizedQuery() throws Exception {
		Recorder a = new Recorder("test.q", "b=2&a=1");
		cache.subscribe(a, null);
		Message get = nextRequest();
		assertThat(new String(get.data())).isEqualTo("{\"query\":\"b=2&a=1\"}");
		respond(get, "{\"result\":{\"collection\":[1],\"query\":\"a=1&b=2\"}}");
		a.next();
		assertThat(a.resource.query()).isEqualTo("a=1&b=2");
		Recorder b = new Recorder("test.q", "a=1&b=2");
		cache.subscribe(b, null);
		assertThat(b.next()).isSameAs(a.resource);
		assertThat(requests.poll(100, TimeUnit.MILLISECONDS)).isNull();

		// A query event leads to a query request with the normalized query.
		BlockingQueue<Message> queries = new LinkedBlockingQueue<>();
		bus.subscribe("_QUERY.test", queries::add);
		bus.publish("event.test.q.query", "{\"subject\":\"_QUERY.test\"}".getBytes());
		Message q = queries.poll(2, TimeUnit.SECONDS);
		assertThat(new String(q.data())).isEqualTo("{\"query\":\"a=1&b=2\"}");
		respond(q, "{\"result\":{\"collection\":[2,1]}}");
		ResourceEvent ev = (ResourceEvent) a.next();
		assertThat(ev.name()).isEqualTo("add");
		assertThat(List.of(ev.idx())).containsExactly(0);
	}

	@Test
	void aLateUnsubscribeAfterADeleteDoesNotReleaseAResourceStillInUse() throws Exception {
		Recorder a = new Recorder("test.gone", "");
		cache.subscribe(a, null);
		respond(nextRequest(), "{\"result\":{\"model\":{\"a\":1}}}");
		a.next();
		CachedResource deleted = a.resource;
		bus.publish("event.test.gone.delete", new byte[0]);
		assertThat(((ResourceEvent) a.next()).name()).isEqualTo("delete");

		Recorder c = new Recorder("test.gone", "");
		cache.subscribe(c, null);
		respond(nextRequest(), "{\"result\":{\"model\":{\"a\":2}}}");
		c.next();
		deleted.unsubscribe(a);
		// Stays cached for longer than the unsubscribe delay: a wrong count would release it.
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> cache.isCached("test.gone"));
		bus.publish("event.test.gone.change", "{\"values\":{\"a\":3}}".getBytes());
		assertThat(((ResourceEvent) c.next()).name()).isEqualTo("change");
	}
}
