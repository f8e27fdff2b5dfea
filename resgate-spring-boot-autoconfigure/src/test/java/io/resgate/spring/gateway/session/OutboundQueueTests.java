package io.resgate.spring.gateway.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
	static final class Writer implements OutboundQueue.FrameWriter {
		final List<String> written = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicReference<String> closed = new AtomicReference<>();

		volatile boolean block;

		@Override
		public void write(byte[] frame) throws Exception {
			if (block) {
				release.await(5, TimeUnit.SECONDS);
			}
			written.add(new String(frame));
		}

		@Override
		public void close(String reason) {
			closed.set(reason);
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
		await().atMost(Duration.ofSeconds(2)).until(() -> "outbound queue overflow".equals(w.closed.get()));
		q.send("after".getBytes());
		assertThat(w.written).doesNotContain("after");
		assertThat(w.written.size()).isLessThanOrEqualTo(1);
	}
}
