package io.resgate.spring.service.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A pool of worker threads running tasks one at a time per key (a resource name or worker group), in
 * submission order, and tasks of different keys in parallel. A task returns a completion stage; the
 * key stays busy until it completes, so asynchronous handlers keep the order without holding a thread.
 * Tasks without a key run in parallel with everything.
 */
final class KeyedWorkers {

	private static final Log logger = LogFactory.getLog(KeyedWorkers.class);

	private final ExecutorService pool;

	private final Map<String, Lane> lanes = new HashMap<>();

	private final ThreadLocal<Lane> current = new ThreadLocal<>();

	private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();

	private int pending;

	KeyedWorkers(int threads, String threadNamePrefix) {
		AtomicInteger counter = new AtomicInteger();
		ThreadFactory factory = r -> {
			Thread t = new Thread(r, threadNamePrefix + counter.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
		this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				factory);
	}

	/**
	 * Queues a task.
	 * @param key the ordering key, or {@code null} to run it in parallel
	 * @param task the task; its stage completes when the task is done
	 */
	void execute(String key, Supplier<? extends CompletionStage<?>> task) {
		Lane start = null;
		synchronized (this) {
			pending++;
			if (key == null) {
				start = new Lane(null);
				start.queue.add(task);
			}
			else {
				Lane lane = lanes.get(key);
				if (lane == null) {
					lane = new Lane(key);
					lanes.put(key, lane);
					start = lane;
				}
				lane.queue.add(task);
			}
		}
		if (start != null) {
			submit(start);
		}
	}

	/**
	 * Tells if an event for a key may be published at once rather than queued: no task of the key is
	 * queued or running, or the calling thread runs the key's task, or the key waits for an asynchronous
	 * task to complete (which is then what sends the event).
	 * @param key the key
	 * @return whether nothing of the key is in the way
	 */
	boolean isFree(String key) {
		Lane lane = current.get();
		if (lane != null && key.equals(lane.key)) {
			return true;
		}
		synchronized (this) {
			Lane l = lanes.get(key);
			return l == null || l.waiting;
		}
	}

	/** @return the number of tasks queued or running */
	synchronized int pending() {
		return pending;
	}

	/**
	 * A future completing when no task is queued or running.
	 * @return the future
	 */
	CompletableFuture<Void> whenIdle() {
		synchronized (this) {
			if (pending == 0) {
				return CompletableFuture.completedFuture(null);
			}
			CompletableFuture<Void> f = new CompletableFuture<>();
			idleWaiters.add(f);
			return f;
		}
	}

	/** Stops the threads; queued tasks are dropped. */
	void shutdown() {
		pool.shutdownNow();
	}

	private void drain(Lane lane) {
		while (true) {
			Supplier<? extends CompletionStage<?>> task;
			synchronized (this) {
				task = lane.queue.poll();
				if (task == null) {
					if (lane.key != null) {
						lanes.remove(lane.key);
					}
					return;
				}
			}
			CompletionStage<?> stage = run(lane, task);
			CompletableFuture<?> f = (stage == null) ? null : stage.toCompletableFuture();
			if (f != null && !f.isDone()) {
				synchronized (this) {
					lane.waiting = true;
				}
				f.whenComplete((r, ex) -> {
					synchronized (this) {
						lane.waiting = false;
					}
					done();
					submit(lane);
				});
				return;
			}
			done();
		}
	}

	private void submit(Lane lane) {
		try {
			pool.execute(() -> drain(lane));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("RES workers stopped; dropping queued work");
		}
	}

	private CompletionStage<?> run(Lane lane, Supplier<? extends CompletionStage<?>> task) {
		current.set(lane);
		try {
			return task.get();
		}
		catch (RuntimeException | Error ex) {
			logger.error("RES worker task failed", ex);
			return null;
		}
		finally {
			current.remove();
		}
	}

	private void done() {
		List<CompletableFuture<Void>> waiters = null;
		synchronized (this) {
			pending--;
			if (pending == 0 && !idleWaiters.isEmpty()) {
				waiters = new ArrayList<>(idleWaiters);
				idleWaiters.clear();
			}
		}
		if (waiters != null) {
			waiters.forEach(w -> w.complete(null));
		}
	}

	private static final class Lane {

		final String key;

		final ArrayDeque<Supplier<? extends CompletionStage<?>>> queue = new ArrayDeque<>();

		boolean waiting;

		Lane(String key) {
			this.key = key;
		}
	}
}
