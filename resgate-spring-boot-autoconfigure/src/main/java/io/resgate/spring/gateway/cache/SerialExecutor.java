package io.resgate.spring.gateway.cache;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the unit of serial state
 * ownership for a cached resource group or a client connection. No thread is held between tasks.
 *
 * <p>{@link #executeNow} saves the hop to another thread where the caller may do the work itself:
 * an idle executor runs the task on the calling thread. The request path uses it from a container
 * thread (a client frame to its connection), from a connection to a resource group and from a
 * resource group back to the one connection a response is for; never from the messaging delivery
 * thread, and never to fan work out to many connections, which stays parallel on the pool.
 */
public final class SerialExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	/** Tasks run in one go before the thread is given back. */
	private static final int BATCH = 64;

	private final Executor pool;

	private final GatewayObservations observations;

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	/**
	 * Creates a serial executor.
	 * @param pool the shared executor that runs the tasks
	 */
	public SerialExecutor(Executor pool) {
		this(pool, GatewayObservations.NONE);
	}

	/**
	 * Creates a serial executor whose tasks run with the observation that was current when they were
	 * handed over (such as a client request's), so that the work done for a request stays in its trace.
	 * @param pool the shared executor that runs the tasks
	 * @param observations the gateway's observations
	 */
	public SerialExecutor(Executor pool, GatewayObservations observations) {
		this.pool = pool;
		this.observations = observations;
	}

	@Override
	public void execute(Runnable task) {
		task = observations.wrap(task);
		synchronized (tasks) {
			tasks.add(task);
			if (running) {
				return;
			}
			running = true;
		}
		schedule();
	}

	/**
	 * Runs a task on the calling thread if nothing runs or waits here, else queues it behind the
	 * others. The caller must not hold locks, and must be allowed to do the work (see above).
	 * @param task the task
	 */
	public void executeNow(Runnable task) {
		task = observations.wrap(task);
		synchronized (tasks) {
			if (running) {
				tasks.add(task);
				return;
			}
			running = true;
		}
		run(task);
		drain();
	}

	private void schedule() {
		try {
			pool.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			synchronized (tasks) {
				tasks.clear();
				running = false;
			}
		}
	}

	private void drain() {
		// Run a bounded batch, then yield the thread to other serial executors.
		for (int i = 0; i < BATCH; i++) {
			Runnable task;
			synchronized (tasks) {
				task = tasks.poll();
				if (task == null) {
					running = false;
					return;
				}
			}
			run(task);
		}
		schedule();
	}

	private static void run(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException | StackOverflowError ex) {
			logger.error("Gateway task failed", ex);
		}
	}
}
