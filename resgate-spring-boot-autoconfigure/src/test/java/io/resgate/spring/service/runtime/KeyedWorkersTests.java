package io.resgate.spring.service.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyedWorkersTests {

	private final KeyedWorkers workers = new KeyedWorkers(4, "test-");

	@AfterEach
	void shutdown() {
		workers.shutdown();
	}

	@Test
	void runsTasksOfOneKeyInOrderAndOneAtATime() {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 200; i++) {
			int n = i;
			workers.execute("a", () -> {
				seen.add(n);
				return CompletableFuture.completedFuture(null);
			});
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 200);
		for (int i = 0; i < 200; i++) {
			assertThat(seen.get(i)).isEqualTo(i);
		}
	}

	@Test
	void runsDifferentKeysInParallel() throws Exception {
		CountDownLatch both = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		for (String key : List.of("a", "b")) {
			workers.execute(key, () -> {
				both.countDown();
				try {
					release.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return CompletableFuture.completedFuture(null);
			});
		}
		assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
		release.countDown();
		workers.whenIdle().get(5, TimeUnit.SECONDS);
	}

	@Test
	void keepsTheKeyUntilAnAsynchronousTaskCompletes() throws Exception {
		CompletableFuture<Void> slow = new CompletableFuture<>();
		List<String> seen = new CopyOnWriteArrayList<>();
		workers.execute("a", () -> slow.thenRun(() -> seen.add("first")));
		workers.execute("a", () -> {
			seen.add("second");
			return CompletableFuture.completedFuture(null);
		});
		assertThat(workers.isFree("b")).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> workers.isFree("a"));
		assertThat(seen).isEmpty();
		assertThat(workers.whenIdle()).isNotDone();
		slow.complete(null);
		await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
		assertThat(seen).containsExactly("first", "second");
		workers.whenIdle().get(5, TimeUnit.SECONDS);
	}

	@Test
	void survivesFailingTasks() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		workers.execute("a", () -> {
			throw new IllegalStateException("boom");
		});
		workers.execute("a", () -> {
			seen.add("after");
			return null;
		});
		workers.whenIdle().get(5, TimeUnit.SECONDS);
		assertThat(seen).containsExactly("after");
	}
}
