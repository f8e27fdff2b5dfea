package io.resgate.spring.gateway.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A bounded queue of outgoing frames with a single writer. Senders never block: frames are queued,
 * and a drain task on the executor hands everything queued so far to the {@link FrameWriter} in one
 * write; frames that arrive while a write is in progress go out together in the next one. When a
 * client lets the queue overflow, the queue is dropped and the connection closed (the client
 * reconnects and resynchronizes), so that one client can never hold up the gateway.
 */
public final class OutboundQueue implements ClientSink {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final FrameWriter writer;

	private final Executor executor;

	private final int limit;

	private final ArrayDeque<byte[]> frames = new ArrayDeque<>();

	/** Whether a drain task is scheduled or a write is in progress. */
	private boolean writing;

	private boolean closed;

	private String closeReason;

	private int closeCode;

	private boolean transportClosed;

	/** When the write in progress started ({@link System#nanoTime()}), or 0 when none is. */
	private volatile long writeStartedNanos;

	/**
	 * Creates a queue.
	 * @param writer the transport writer
	 * @param executor runs the drain tasks
	 * @param limit the largest number of queued frames
	 */
	public OutboundQueue(FrameWriter writer, Executor executor, int limit) {
		this.writer = writer;
		this.executor = executor;
		this.limit = limit;
	}

	@Override
	public void send(byte[] frame) {
		boolean overflow = false;
		synchronized (frames) {
			if (closed) {
				return;
			}
			if (frames.size() >= limit) {
				overflow = true;
			}
			else {
				frames.add(frame);
				if (writing) {
					return;
				}
				writing = true;
			}
		}
		if (overflow) {
			logger.warn("Outbound queue of a client connection overflowed (" + limit + " frames); closing it");
			close(FrameWriter.GOING_AWAY, "outbound queue overflow");
			return;
		}
		schedule();
	}

	/**
	 * Tells when the write in progress started, for a deadline check.
	 * @return the {@link System#nanoTime()} the write started, or 0 when no write is in progress
	 */
	public long writeStartedNanos() {
		return writeStartedNanos;
	}

	private void schedule() {
		try {
			executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			synchronized (frames) {
				writing = false;
				closed = true;
				frames.clear();
			}
		}
	}

	/**
	 * Drops queued frames and closes the transport; the close is done by the single writer, after
	 * any write in progress, so a write and a close never overlap.
	 * @param code the close code
	 * @param reason why
	 */
	public void close(int code, String reason) {
		synchronized (frames) {
			if (closeReason != null) {
				return;
			}
			closed = true;
			closeReason = reason;
			closeCode = code;
			frames.clear();
			if (writing) {
				return;
			}
			writing = true;
		}
		schedule();
	}

	/**
	 * Writes what is queued. A write that completes at once continues the loop here, so a fast
	 * transport never recurses; a write that completes later schedules the next drain.
	 */
	private void drain() {
		while (true) {
			List<byte[]> batch;
			String reason = null;
			int code = 0;
			synchronized (frames) {
				if (frames.isEmpty()) {
					writing = false;
					if (closeReason != null && !transportClosed) {
						transportClosed = true;
						reason = closeReason;
						code = closeCode;
					}
					batch = null;
				}
				else {
					batch = new ArrayList<>(frames);
					frames.clear();
				}
			}
			if (batch == null) {
				if (reason != null) {
					closeTransport(code, reason);
				}
				return;
			}
			Completion c = new Completion();
			writeStartedNanos = System.nanoTime();
			try {
				writer.write(batch, c);
			}
			catch (RuntimeException ex) {
				c.accept(ex);
			}
			if (!c.completeNow()) {
				return;
			}
		}
	}

	/** The completion of one write: tells the drain loop whether it finished synchronously. */
	private final class Completion implements java.util.function.Consumer<Throwable> {

		private boolean returned;

		private boolean done;

		@Override
		public void accept(Throwable failure) {
			writeStartedNanos = 0;
			if (failure != null) {
				logger.debug("Writing to a client failed: " + failure);
				synchronized (frames) {
					closed = true;
					frames.clear();
					if (closeReason == null) {
						closeReason = "write failed";
						closeCode = FrameWriter.GOING_AWAY;
					}
				}
			}
			boolean later;
			synchronized (this) {
				done = true;
				later = returned;
			}
			if (later) {
				schedule();
			}
		}

		/** @return whether the write completed before the writer returned (the loop goes on) */
		boolean completeNow() {
			synchronized (this) {
				returned = true;
				return done;
			}
		}
	}

	@Override
	public void disconnect(String reason) {
		close(FrameWriter.GOING_AWAY, reason);
	}

	private void closeTransport(int code, String reason) {
		try {
			writer.close(code, reason);
		}
		catch (RuntimeException ex) {
			logger.debug("Closing a client transport failed", ex);
		}
	}
}
