package io.resgate.spring.gateway.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.SerialExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboundQueueTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		executor.shutdownNow();
	}

	/** A writer that records frames and can be held up. */
	static final class Writer implements FrameWriter {
		final List<String> written = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicReference<String> closed = new AtomicReference<>();

		volatile boolean block;

		final AtomicInteger writes = new AtomicInteger();

		@Override
		public void write(List<byte[]> frames, Consumer<Throwable> done) {
			writes.incrementAndGet();
			if (block) {
				try {
					release.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			frames.forEach(f -> written.add(new String(f)));
			done.accept(null);
		}

		@Override
		public void close(int code, String reason) {
			closed.set(code + " " + reason);
		}
	}

	@Test
	void writesFramesInOrder() {
		Writer w = new Writer();
		OutboundQueue q = new OutboundQueue(w, executor, 100);
		for (int i = 0; i < 50; i++) {
			q.send(("f" + i).getBytes());
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> w.written.size() == 50);
		for (int i = 0; i < 50; i++) {
			assertThat(w.written.get(i)).isEqualTo("f" + i);
		}
		assertThat(w.closed.get()).isNull();
	}

	@Test
	void framesQueuedDuringAWriteGoOutTogetherInTheNextWrite() {
		AtomicReference<Consumer<Throwable>> pending = new AtomicReference<>();
		List<List<String>> batches = new CopyOnWriteArrayList<>();
		FrameWriter w = new FrameWriter() {
			@Override
			public void write(List<byte[]> frames, Consumer<Throwable> done) {
				batches.add(frames.stream().map(String::new).toList());
				pending.set(done);
			}

			@Override
			public void close(int code, String reason) {
			}
		};
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 100);
		q.send("a".getBytes());
		assertThat(batches).containsExactly(List.of("a"));
		assertThat(q.writeStartedNanos()).isNotZero();
		q.send("b".getBytes());
		q.send("c".getBytes());
		assertThat(batches).hasSize(1);
		pending.get().accept(null);
		assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"));
		pending.get().accept(null);
		assertThat(q.writeStartedNanos()).isZero();
		assertThat(batches).hasSize(2);
	}

	@Test
	void aFailedWriteClosesTheTransportOnceAndDropsLaterFrames() {
		List<String> closes = new CopyOnWriteArrayList<>();
		AtomicInteger writes = new AtomicInteger();
		FrameWriter w = new FrameWriter() {
			@Override
			public void write(List<byte[]> frames, Consumer<Throwable> done) {
				writes.incrementAndGet();
				done.accept(new java.io.IOException("broken pipe"));
			}

			@Override
			public void close(int code, String reason) {
				closes.add(code + " " + reason);
			}
		};
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 100);
		q.send("a".getBytes());
		q.send("b".getBytes());
		q.disconnect("bye");
		assertThat(writes.get()).isEqualTo(1);
		assertThat(closes).containsExactly("1001 write failed");
	}

	/** A writer whose writes complete only when the test says so; runs with a same-thread executor. */
	static final class ControlledWriter implements FrameWriter {
		final List<List<byte[]>> batches = new ArrayList<>();

		Consumer<Throwable> done;

		String closed;

		@Override
		public void write(List<byte[]> frames, Consumer<Throwable> done) {
			assertThat(this.done).as("one write at a time").isNull();
			batches.add(List.copyOf(frames));
			this.done = done;
		}

		/** Completes the write in progress, which starts the next one if frames are queued. */
		void complete() {
			Consumer<Throwable> d = done;
			assertThat(d).as("a write in progress").isNotNull();
			done = null;
			d.accept(null);
		}

		List<byte[]> lastBatch() {
			return batches.get(batches.size() - 1);
		}

		List<String> lastBatchText() {
			return lastBatch().stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
		}

		@Override
		public void close(int code, String reason) {
			closed = code + " " + reason;
		}
	}

	private static final String RID = "m";

	private static final ClientResource MODEL = ClientView.resource(RID);

	/** A model whose change events go to a queue, as a subscription sends them. */
	private static final class ModelFeed {
		final OutboundQueue queue;

		final ClientResource resource;

		ResourceState state;

		ModelFeed(OutboundQueue queue, ClientResource resource, ResourceState initial) {
			this.queue = queue;
			this.resource = resource;
			this.state = initial;
		}

		boolean change(String key, String json) {
			ResourceState before = state;
			state = ClientView.change(before, key, json);
			return queue.sendEvent(ClientView.changeFrame(RID, key, json), resource, before, state);
		}
	}

	private static ResourceState model(String... keyValues) {
		Map<String, ResValue> m = new TreeMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			m.put(keyValues[i], ClientView.value(keyValues[i + 1]));
		}
		return ClientView.model(0, m);
	}

	@Test
	void withinTheBoundEveryEventIsQueuedAsItIs() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 10_000);
		ModelFeed feed = new ModelFeed(q, MODEL, model("n", "0"));
		for (int i = 1; i <= 50; i++) {
			assertThat(feed.change("n", String.valueOf(i))).isTrue();
		}
		assertThat(w.batches).hasSize(1);
		w.complete();
		assertThat(w.batches).hasSize(2);
		assertThat(w.lastBatch()).hasSize(49);
		assertThat(q.conflatedEvents()).isZero();
	}

	@Test
	void theBoundIsInBytesOfQueuedAndWrittenFrames() {
		ControlledWriter w = new ControlledWriter();
		byte[] frame = ClientView.changeFrame(RID, "n", "1");
		OutboundQueue q = new OutboundQueue(w, Runnable::run, frame.length * 3L);
		ModelFeed feed = new ModelFeed(q, MODEL, model("n", "0"));
		assertThat(feed.change("n", "1")).isTrue();
		assertThat(q.backlogBytes()).as("the write in progress counts").isEqualTo(frame.length);
		assertThat(feed.change("n", "2")).isTrue();
		assertThat(feed.change("n", "3")).isTrue();
		assertThat(q.backlogBytes()).isEqualTo(frame.length * 3L);
		assertThat(feed.change("n", "4")).as("past the bound").isFalse();
		assertThat(q.conflatedEvents()).isOne();
		w.complete();
		assertThat(w.lastBatchText()).containsExactly(new String(ClientView.changeFrame(RID, "n", "2")),
				new String(ClientView.changeFrame(RID, "n", "3")), new String(ClientView.changeFrame(RID, "n", "4")));
		w.complete();
		assertThat(q.backlogBytes()).isZero();
		assertThat(q.isWritePending()).isFalse();
	}

	@Test
	void pastTheBoundChangesOfAModelAreConflatedIntoOneChangeLaterValuesWinningAndDeletesStaying() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 64);
		ModelFeed feed = new ModelFeed(q, MODEL, model("a", "0", "b", "0"));
		ClientView client = new ClientView(RID, feed.state);
		feed.change("a", "1");
		assertThat(w.batches).hasSize(1);
		feed.change("b", "1");
		feed.change("a", "2");
		feed.change("c", "\"new\"");
		feed.change("b", "{\"action\":\"delete\"}");
		feed.change("a", "3");
		feed.change("d", "1");
		feed.change("d", "{\"action\":\"delete\"}");
		assertThat(q.conflatedEvents()).isEqualTo(7);
		client.applyAll(w.lastBatch());
		w.complete();
		assertThat(w.lastBatchText()).containsExactly(
				"{\"event\":\"m.change\",\"data\":{\"values\":{\"a\":3,\"b\":{\"action\":\"delete\"},\"c\":\"new\"}}}");
		client.applyAll(w.lastBatch());
		client.assertEquals(feed.state);
	}

	@Test
	void pastTheBoundCollectionEventsBecomeTheDifferenceFromWhatTheClientWasLastSent() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 100);
		ClientResource col = ClientView.resource("c");
		ResourceState state = ClientView.collection(0,
				List.of(ClientView.value("\"a\""), ClientView.value("\"b\""), ClientView.value("\"c\"")));
		ClientView client = new ClientView("c", state);
		Random random = new Random(7);
		int sent = 0;
		for (int round = 0; round < 20; round++) {
			for (int i = 0; i < 50; i++) {
				ResourceState before = state;
				if (state.collection().isEmpty() || random.nextBoolean()) {
					int idx = random.nextInt(state.collection().size() + 1);
					String v = "\"v" + round + "_" + i + "\"";
					state = ClientView.add(before, idx, v);
					q.sendEvent(ClientView.addFrame("c", idx, v), col, before, state);
				}
				else {
					int idx = random.nextInt(state.collection().size());
					state = ClientView.remove(before, idx);
					q.sendEvent(ClientView.removeFrame("c", idx), col, before, state);
				}
				sent++;
			}
			client.applyAll(w.lastBatch());
			w.complete();
		}
		client.applyAll(w.lastBatch());
		w.complete();
		client.assertEquals(state);
		assertThat(client.events).isLessThan(sent);
		assertThat(w.closed).isNull();
	}

	@Test
	void aResynchronisationNeverRemovesAndAddsAReference() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 10);
		ClientResource col = ClientView.resource("c");
		ResourceState s0 = ClientView.collection(0, List.of(ClientView.value("1"), ClientView.value("{\"rid\":\"x\"}")));
		ClientView client = new ClientView("c", s0);
		q.send("{\"id\":1,\"result\":null}".getBytes(StandardCharsets.UTF_8));
		ResourceState s1 = ClientView.remove(s0, 0);
		q.sendEvent(ClientView.removeFrame("c", 0), col, s0, s1);
		ResourceState s2 = ClientView.add(s1, 1, "1");
		q.sendEvent(ClientView.addFrame("c", 1, "1"), col, s1, s2);
		client.applyAll(w.lastBatch());
		w.complete();
		// [1, x] to [x, 1]: not "remove x, add x" but "add 1 after x, remove 1 before it"
		assertThat(w.lastBatchText()).containsExactly("{\"event\":\"c.add\",\"data\":{\"idx\":2,\"value\":1}}",
				"{\"event\":\"c.remove\",\"data\":{\"idx\":0}}");
		client.applyAll(w.lastBatch());
		client.assertEquals(s2);
	}

	@Test
	void otherEventsAndResponsesKeepTheirPlaceAndEndTheResynchronisationBeforeThem() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 64);
		ModelFeed feed = new ModelFeed(q, MODEL, model("a", "0"));
		feed.change("a", "1");
		feed.change("a", "2");
		feed.change("a", "3");
		q.sendEvent("{\"event\":\"m.custom\"}".getBytes(StandardCharsets.UTF_8), MODEL);
		feed.change("a", "4");
		feed.change("a", "5");
		q.send("{\"id\":1,\"result\":null}".getBytes(StandardCharsets.UTF_8));
		feed.change("a", "6");
		w.complete();
		assertThat(w.lastBatchText()).containsExactly("{\"event\":\"m.change\",\"data\":{\"values\":{\"a\":3}}}",
				"{\"event\":\"m.custom\"}", "{\"event\":\"m.change\",\"data\":{\"values\":{\"a\":5}}}",
				"{\"id\":1,\"result\":null}", "{\"event\":\"m.change\",\"data\":{\"values\":{\"a\":6}}}");
	}

	@Test
	void eventsThatEndWhereTheClientIsSendNothing() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 10);
		ModelFeed feed = new ModelFeed(q, MODEL, model("a", "0"));
		feed.change("a", "1");
		feed.change("a", "2");
		feed.change("a", "1");
		w.complete();
		assertThat(w.batches).hasSize(1);
		assertThat(q.isWritePending()).isFalse();
		assertThat(q.backlogBytes()).isZero();
	}

	@Test
	void aClientThatKeepsReadingIsNeverClosedByAFloodAndEndsOnTheLatestState() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 1024);
		ModelFeed feed = new ModelFeed(q, MODEL, model("n", "0", "s", "\"\""));
		ClientView client = new ClientView(RID, feed.state);
		for (int i = 1; i <= 10_000; i++) {
			feed.change((i % 3 == 0) ? "s" : "n", (i % 3 == 0) ? "\"" + "x".repeat(i % 50) + "\"" : String.valueOf(i));
			assertThat(q.backlogBytes()).isLessThanOrEqualTo(1024 + 200);
			if (i % 100 == 0) {
				client.applyAll(w.lastBatch());
				w.complete();
			}
		}
		while (w.done != null) {
			client.applyAll(w.lastBatch());
			w.complete();
		}
		assertThat(w.closed).isNull();
		client.assertEquals(feed.state);
		assertThat(client.events).isLessThan(2_500);
	}

	@Test
	void moreEventsThatCannotBeConflatedThanTheBoundCloseTheConnectionWithoutBlockingTheSender() {
		ControlledWriter w = new ControlledWriter();
		byte[] custom = "{\"event\":\"m.custom\",\"data\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
		OutboundQueue q = new OutboundQueue(w, Runnable::run, custom.length * 3L);
		ModelFeed feed = new ModelFeed(q, MODEL, model("n", "0"));
		for (int i = 0; i < 3; i++) {
			q.sendEvent(custom, MODEL);
			feed.change("n", String.valueOf(i));
		}
		assertThat(w.closed).isNull();
		q.sendEvent(custom, MODEL);
		assertThat(w.closed).as("closed after the write in progress").isNull();
		q.sendEvent(custom, MODEL);
		w.complete();
		assertThat(w.closed).isEqualTo("1008 Outbound queue overflow");
		assertThat(w.batches).hasSize(1);
		q.send("after".getBytes(StandardCharsets.UTF_8));
		assertThat(w.batches).hasSize(1);
	}

	@Test
	void aFrameSharedByConnectionsCountsInTheBacklogOfEach() {
		byte[] frame = ClientView.changeFrame(RID, "n", "1");
		ControlledWriter slow = new ControlledWriter();
		OutboundQueue slowQueue = new OutboundQueue(slow, Runnable::run, frame.length * 2L);
		List<byte[]> fastWritten = new ArrayList<>();
		OutboundQueue fastQueue = new OutboundQueue(new FrameWriter() {
			@Override
			public void write(List<byte[]> frames, Consumer<Throwable> done) {
				fastWritten.addAll(frames);
				done.accept(null);
			}

			@Override
			public void close(int code, String reason) {
			}
		}, Runnable::run, frame.length * 2L);
		ResourceState state = model("n", "0");
		for (int i = 1; i <= 5; i++) {
			ResourceState before = state;
			state = ClientView.change(before, "n", String.valueOf(i));
			byte[] shared = ClientView.changeFrame(RID, "n", String.valueOf(i));
			slowQueue.sendEvent(shared, MODEL, before, state);
			fastQueue.sendEvent(shared, MODEL, before, state);
			if (i == 2) {
				assertThat(slowQueue.backlogBytes()).isEqualTo(shared.length * 2L);
			}
		}
		assertThat(fastWritten).hasSize(5);
		assertThat(fastQueue.conflatedEvents()).isZero();
		assertThat(slowQueue.conflatedEvents()).isEqualTo(3);
		assertThat(fastQueue.backlogBytes()).isZero();
	}

	@Test
	void theWriteInProgressTellsWhenItStartedForTheWriteDeadline() {
		ControlledWriter w = new ControlledWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 1000);
		assertThat(q.isWritePending()).isFalse();
		long before = System.nanoTime();
		q.send("a".getBytes(StandardCharsets.UTF_8));
		assertThat(q.isWritePending()).isTrue();
		assertThat(q.writeStartedNanos() - before).isNotNegative();
		w.complete();
		assertThat(q.isWritePending()).isFalse();
		assertThat(q.writeStartedNanos()).isZero();
	}

	@Test
	void framesSentInTheSerialContextAreWrittenOnItsThreadInOneWriteWhenItsTasksAreDone() {
		List<Runnable> drains = new ArrayList<>();
		List<List<String>> batches = new ArrayList<>();
		List<Thread> writers = new ArrayList<>();
		FrameWriter w = new FrameWriter() {
			@Override
			public void write(List<byte[]> frames, Consumer<Throwable> done) {
				batches.add(frames.stream().map(String::new).toList());
				writers.add(Thread.currentThread());
				done.accept(null);
			}

			@Override
			public void close(int code, String reason) {
			}
		};
		OutboundQueue q = new OutboundQueue(w, drains::add, 100);
		List<Runnable> pool = new ArrayList<>();
		SerialExecutor serial = new SerialExecutor(pool::add);
		q.flushWith(serial);
		serial.executeNow(() -> {
			q.send("a".getBytes());
			q.send("b".getBytes());
			assertThat(batches).isEmpty();
		});
		assertThat(batches).containsExactly(List.of("a", "b"));
		assertThat(writers).containsExactly(Thread.currentThread());
		serial.execute(() -> q.send("c".getBytes()));
		serial.execute(() -> q.send("d".getBytes()));
		assertThat(pool).hasSize(1);
		pool.remove(0).run();
		assertThat(batches).containsExactly(List.of("a", "b"), List.of("c", "d"));
		assertThat(drains).isEmpty();
		q.send("e".getBytes());
		assertThat(drains).hasSize(1);
		drains.remove(0).run();
		assertThat(batches).last().isEqualTo(List.of("e"));
	}

	@Test
	void aCloseInTheSerialContextIsDoneByItsFlushAfterTheTask() {
		Writer w = new Writer();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 100);
		SerialExecutor serial = new SerialExecutor(Runnable::run);
		q.flushWith(serial);
		serial.executeNow(() -> {
			q.send("a".getBytes());
			q.close(FrameWriter.GOING_AWAY, "bye");
			q.send("b".getBytes());
			assertThat(w.closed.get()).isNull();
		});
		assertThat(w.written).isEmpty();
		assertThat(w.closed.get()).isEqualTo(FrameWriter.GOING_AWAY + " bye");
	}
}
