package io.resgate.spring.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

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
	void aSlowClientOverflowingItsQueueIsDisconnectedWithoutBlockingTheSender() {
		Writer w = new Writer();
		w.block = true;
		OutboundQueue q = new OutboundQueue(w, executor, 10);
		long start = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			q.send(("f" + i).getBytes());
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		// The single writer closes the transport once the frame it is writing is done.
		w.release.countDown();
		await().atMost(Duration.ofSeconds(2)).until(() -> "1001 outbound queue overflow".equals(w.closed.get()));
		q.send("after".getBytes());
		assertThat(w.written).doesNotContain("after");
		assertThat(w.written.size()).isLessThanOrEqualTo(10);
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
}
