package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerialExecutorTests {

	private final List<Runnable> pool = new ArrayList<>();

	private final SerialExecutor serial = new SerialExecutor(pool::add);

	private final List<String> log = new ArrayList<>();

	@Test
	void runsTasksInOrderThenTheIdleHookInItsContext() {
		serial.onIdle(() -> log.add("idle " + serial.inContext()));
		serial.execute(() -> log.add("a " + serial.inContext()));
		serial.execute(() -> log.add("b"));
		assertThat(pool).hasSize(1);
		assertThat(log).isEmpty();
		pool.remove(0).run();
		assertThat(log).containsExactly("a true", "b", "idle true");
		assertThat(serial.inContext()).isFalse();
		assertThat(pool).isEmpty();
	}

	@Test
	void tasksQueuedByTheIdleHookRunBeforeTheExecutorGoesIdle() {
		serial.onIdle(() -> {
			log.add("idle");
			if (log.size() == 2) {
				serial.execute(() -> log.add("from hook"));
			}
		});
		serial.execute(() -> log.add("a"));
		pool.remove(0).run();
		assertThat(log).containsExactly("a", "idle", "from hook", "idle");
		assertThat(pool).isEmpty();
		serial.execute(() -> log.add("b"));
		assertThat(pool).hasSize(1);
	}

	@Test
	void executeNowRunsTaskAndHookOnTheCallingThreadWhenIdle() {
		Thread caller = Thread.currentThread();
		serial.onIdle(() -> log.add("idle " + (Thread.currentThread() == caller)));
		serial.executeNow(() -> log.add("a " + serial.inContext()));
		assertThat(log).containsExactly("a true", "idle true");
		assertThat(pool).isEmpty();
		assertThat(serial.inContext()).isFalse();
	}

	@Test
	void executeNowQueuesBehindARunningTask() {
		serial.execute(() -> {
			log.add("a");
			serial.executeNow(() -> log.add("c"));
			log.add("b");
		});
		pool.remove(0).run();
		assertThat(log).containsExactly("a", "b", "c");
	}

	@Test
	void aLongQueueGivesItsThreadBackAfterABatchWithTheHookRun() {
		serial.onIdle(() -> log.add("idle"));
		for (int i = 0; i < 100; i++) {
			serial.execute(() -> log.add("t"));
		}
		pool.remove(0).run();
		assertThat(log).hasSize(65).last().isEqualTo("idle");
		assertThat(pool).hasSize(1);
		pool.remove(0).run();
		assertThat(log).hasSize(65 + 37).last().isEqualTo("idle");
		assertThat(pool).isEmpty();
	}
}
