package io.resgate.spring.gateway.session;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The write deadline of client connections: one periodic check for all of them (no timer per
 * write) closes a connection whose write in progress has waited longer than the deadline for the
 * client to read, with a close frame (1008, {@value #REASON}) and one log line. A client is so
 * closed within the deadline plus one check period of having stopped reading.
 */
public final class WriteDeadline implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WriteDeadline.class);

	/** The close reason sent to the client. */
	public static final String REASON = "write deadline exceeded";

	private final Duration deadline;

	private final Iterable<ClientConnection> connections;

	private final ScheduledFuture<?> task;

	/**
	 * Starts checking.
	 * @param deadline how long a write may take
	 * @param timer runs the check
	 * @param connections the open connections (a live view)
	 */
	public WriteDeadline(Duration deadline, ScheduledExecutorService timer, Iterable<ClientConnection> connections) {
		this.deadline = deadline;
		this.connections = connections;
		long period = Math.max(50, Math.min(1000, deadline.toMillis() / 10));
		this.task = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	/** Closes the connections whose write in progress is past the deadline. */
	void check() {
		long now = System.nanoTime();
		long limit = deadline.toNanos();
		for (ClientConnection c : connections) {
			if (c.sink() instanceof OutboundQueue q) {
				long started = q.writeStartedNanos();
				if (started != 0 && now - started > limit && q.closeNow(FrameWriter.POLICY_VIOLATION, REASON)) {
					c.stats().stalledReaderClosed();
					logger.info("Closing client connection [" + c.cid() + "]: it has not read for "
							+ Duration.ofNanos(now - started).toMillis() + " ms (write deadline " + deadline.toMillis()
							+ " ms)");
				}
			}
		}
	}

	@Override
	public void close() {
		task.cancel(false);
	}
}
