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
 * thread (a client frame to its connection), from a connection to a resource group, from the
 * messaging delivery thread to the resource group a service's answer to one connection's request
 * is for, and from a resource group back to the one connection a response is for. It is never used
 * to fan work out to many connections (events, a resource loaded for many subscriptions), which
 * stays parallel on the pool, and never for work that could wait: the tasks never block.
 */
public final class SerialExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	/** Tasks run in one go before the thread is given back. */
	private static final int BATCH = 64;

	private final Executor pool;

	private final GatewayObservations observations;

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	/** The thread running tasks now, or {@code null}; read only to compare with the current thread. */
	private volatile Thread runner;

	/** Run when the tasks at hand are done, in the serial context; see {@link #onIdle}. */
	private volatile Runnable idleHook;

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
		runner = Thread.currentThread();
		run(task);
		drain();
	}

	/**
	 * Sets what runs in the serial context whenever the tasks at hand are done: before the executor
	 * goes idle, and before it gives its thread back after a batch. A connection writes the frames
	 * its tasks queued there, once for all of them.
	 * @param hook the hook; must not block
	 */
	public void onIdle(Runnable hook) {
		this.idleHook = hook;
	}

	/** @return whether the calling thread is running this executor's tasks now */
	public boolean inContext() {
		return runner == Thread.currentThread();
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
		runner = Thread.currentThread();
		for (int i = 0; i < BATCH; i++) {
			Runnable task;
			synchronized (tasks) {
				task = tasks.poll();
			}
			if (task == null) {
				idle();
				synchronized (tasks) {
					task = tasks.poll();
					if (task == null) {
						runner = null;
						running = false;
						return;
					}
				}
			}
			run(task);
		}
		idle();
		runner = null;
		schedule();
	}

	private void idle() {
		Runnable hook = idleHook;
		if (hook != null) {
			run(hook);
		}
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
