package io.resgate.spring.gateway.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.SerialExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A connection's outgoing frames, bounded in bytes, with a single writer. Senders never block:
 * frames are queued, and a drain hands everything queued so far to the {@link FrameWriter} in one
 * write; frames that arrive while a write is in progress go out together in the next one. Frames
 * queued by the connection's own serial context ({@link #flushWith}) are written on that thread once
 * its tasks at hand are done, with no hand-over to another thread; others are drained by a task on
 * the executor. A write that the transport cannot finish at once is finished by the transport, and
 * the next drain runs on the executor.
 *
 * <p>The backlog is the bytes of the frames queued and of the write in progress; a frame shared
 * by many connections counts in each of their backlogs. While the backlog is within the bound,
 * every frame is queued as it is. Past it, a client that keeps reading is never dropped:
 * <ul>
 * <li>an event that only changes values ({@link #sendEvent(byte[], ClientResource, ResourceState,
 * ResourceState)}) is not queued; it joins one resynchronisation entry of its resource, which
 * also takes the resource's later such events. When the entry is written it becomes the events
 * from the state the client had to the latest state (one change event of a model, remove and add
 * events of a collection). A change event of a model is so conflated with its followers, later
 * values winning, a deleted key staying deleted;</li>
 * <li>any other event ({@link #sendEvent(byte[], ClientResource)}), and any response, is queued as
 * it is, and the resynchronisation entries before it take no more events. So no event moves past
 * one that adds or removes a reference or carries resources: only events that change values of
 * one resource are conflated, and they depend on nothing else the client holds.</li>
 * </ul>
 * The connection is closed (1008) only when the events that cannot be conflated in its backlog
 * pass the bound; a client that stops reading is left to the transport's write deadline, for which
 * {@link #writeStartedNanos()} tells how long the write in progress has taken.
 */
public final class OutboundQueue implements ClientSink {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	private final FrameWriter writer;

	private final Executor executor;

	private final long bound;

	private final Object lock = new Object();

	/** Queued entries: a frame ({@code byte[]}), an {@link Unconflatable} event or a {@link Resync}. */
	private final ArrayDeque<Object> pending = new ArrayDeque<>();

	/** The resynchronisation entries still taking events, by resource. */
	private final Map<ClientResource, Resync> open = new HashMap<>();

	private long pendingBytes;

	private long pendingUnconflatableBytes;

	private long inFlightBytes;

	private long inFlightUnconflatableBytes;

	private long conflatedEvents;

	/** Whether a drain task is scheduled, a flush is due or a write is in progress. */
	private boolean writing;

	/** Whether the serial context owes a {@link #flush()}: it queued frames when no drain was due. */
	private boolean flushDue;

	/** The connection's serial context, whose frames are written when its tasks are done; or {@code null}. */
	private volatile SerialExecutor context;

	private boolean closed;

	private String closeReason;

	private int closeCode;

	private boolean transportClosed;

	/** When the write in progress started ({@link System#nanoTime()}), or 0 when none is. */
	private volatile long writeStartedNanos;

	/** An event queued as it is, counted against the bound of events that cannot be conflated. */
	private record Unconflatable(byte[] frame) {
	}

	/** Events of one resource replaced by the events from one state to a later one. */
	private static final class Resync {

		final ClientResource resource;

		final ResourceState from;

		ResourceState to;

		Resync(ClientResource resource, ResourceState from, ResourceState to) {
			this.resource = resource;
			this.from = from;
			this.to = to;
		}
	}

	/**
	 * Creates a queue.
	 * @param writer the transport writer
	 * @param executor runs the drain tasks
	 * @param bound the backlog, in bytes, past which events are conflated
	 */
	public OutboundQueue(FrameWriter writer, Executor executor, long bound) {
		this.writer = writer;
		this.executor = executor;
		this.bound = bound;
	}

	@Override
	public void send(byte[] frame) {
		synchronized (lock) {
			if (closed) {
				return;
			}
			if (!open.isEmpty()) {
				open.clear();
			}
			pending.add(frame);
			pendingBytes += frame.length;
			if (writing) {
				return;
			}
			writing = true;
			if (deferLocked()) {
				return;
			}
		}
		schedule();
	}

	@Override
	public void sendEvent(byte[] frame, ClientResource resource) {
		long unconflatable;
		synchronized (lock) {
			if (closed) {
				return;
			}
			if (!open.isEmpty()) {
				open.clear();
			}
			pending.add(new Unconflatable(frame));
			pendingBytes += frame.length;
			pendingUnconflatableBytes += frame.length;
			unconflatable = pendingUnconflatableBytes + inFlightUnconflatableBytes;
			if (unconflatable <= bound) {
				if (writing) {
					return;
				}
				writing = true;
				if (deferLocked()) {
					return;
				}
			}
		}
		if (unconflatable > bound) {
			logger.warn("Closing a client connection: " + unconflatable
					+ " bytes of events that cannot be conflated wait for it, more than the bound of " + bound);
			close(FrameWriter.POLICY_VIOLATION, "Outbound queue overflow");
			return;
		}
		schedule();
	}

	@Override
	public boolean sendEvent(byte[] frame, ClientResource resource, ResourceState from, ResourceState to) {
		boolean queued;
		synchronized (lock) {
			if (closed) {
				return true;
			}
			Resync r = open.isEmpty() ? null : open.get(resource);
			if (r != null) {
				r.to = to;
				conflatedEvents++;
				return false;
			}
			queued = pendingBytes + inFlightBytes + frame.length <= bound;
			if (queued) {
				pending.add(frame);
				pendingBytes += frame.length;
			}
			else {
				r = new Resync(resource, from, to);
				open.put(resource, r);
				pending.add(r);
				conflatedEvents++;
			}
			if (writing) {
				return queued;
			}
			writing = true;
			if (deferLocked()) {
				return queued;
			}
		}
		schedule();
		return queued;
	}

	/**
	 * Has frames queued from the connection's serial context written by that context when its tasks
	 * at hand are done ({@link SerialExecutor#onIdle}), on its thread.
	 * @param serial the connection's serial context
	 */
	@Override
	public void flushWith(SerialExecutor serial) {
		this.context = serial;
		serial.onIdle(this::flush);
	}

	/** A drain is due: the serial context queued frames; called by it when its tasks are done. */
	void flush() {
		synchronized (lock) {
			if (!flushDue) {
				return;
			}
			flushDue = false;
		}
		drain();
	}

	/**
	 * Whether the drain just made due is left to the serial context's flush, as the caller runs in it.
	 * Must hold the lock, with {@code writing} just set.
	 */
	private boolean deferLocked() {
		SerialExecutor c = context;
		if (c != null && c.inContext()) {
			flushDue = true;
			return true;
		}
		return false;
	}

	/**
	 * Tells when the write in progress started, for a deadline check.
	 * @return the {@link System#nanoTime()} the write started, or 0 when no write is in progress
	 */
	public long writeStartedNanos() {
		return writeStartedNanos;
	}

	/** @return whether a write is in progress */
	public boolean isWritePending() {
		return writeStartedNanos != 0;
	}

	/** @return the backlog: bytes queued and being written, without resynchronisations not yet encoded */
	public long backlogBytes() {
		synchronized (lock) {
			return pendingBytes + inFlightBytes;
		}
	}

	/** @return how many events were not queued as they are but went into a resynchronisation */
	public long conflatedEvents() {
		synchronized (lock) {
			return conflatedEvents;
		}
	}

	private void schedule() {
		try {
			executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			synchronized (lock) {
				writing = false;
				closed = true;
				clearPending();
			}
		}
	}

	private void clearPending() {
		pending.clear();
		open.clear();
		pendingBytes = 0;
		pendingUnconflatableBytes = 0;
	}

	/**
	 * Drops queued frames and closes the transport; the close is done by the single writer, after
	 * any write in progress, so a write and a close never overlap.
	 * @param code the close code
	 * @param reason why
	 */
	public void close(int code, String reason) {
		synchronized (lock) {
			if (closeReason != null) {
				return;
			}
			closed = true;
			closeReason = reason;
			closeCode = code;
			clearPending();
			if (writing) {
				return;
			}
			writing = true;
		}
		schedule();
	}

	/**
	 * Closes the transport at once, even while a write is in progress: for a client that has not
	 * read the write in progress within the write deadline. Queued frames are dropped; the writer
	 * fails the write in progress.
	 * @param code the close code
	 * @param reason why
	 * @return whether this call closed the transport ({@code false} if it was closed already)
	 */
	public boolean closeNow(int code, String reason) {
		synchronized (lock) {
			if (transportClosed) {
				return false;
			}
			transportClosed = true;
			closed = true;
			if (closeReason == null) {
				closeReason = reason;
				closeCode = code;
			}
			clearPending();
		}
		closeTransport(code, reason);
		return true;
	}

	/**
	 * Writes what is queued. A write that completes at once continues the loop here, so a fast
	 * transport never recurses; a write that completes later schedules the next drain.
	 */
	private void drain() {
		while (true) {
			Object[] taken;
			String reason = null;
			int code = 0;
			synchronized (lock) {
				if (pending.isEmpty()) {
					writing = false;
					if (closeReason != null && !transportClosed) {
						transportClosed = true;
						reason = closeReason;
						code = closeCode;
					}
					taken = null;
				}
				else {
					taken = pending.toArray();
					inFlightBytes = pendingBytes;
					inFlightUnconflatableBytes = pendingUnconflatableBytes;
					pending.clear();
					open.clear();
					pendingBytes = 0;
					pendingUnconflatableBytes = 0;
				}
			}
			if (taken == null) {
				if (reason != null) {
					closeTransport(code, reason);
				}
				return;
			}
			List<byte[]> batch = batch(taken);
			if (batch.isEmpty()) {
				synchronized (lock) {
					inFlightBytes = 0;
					inFlightUnconflatableBytes = 0;
				}
				continue;
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

	/** Turns queued entries into frames, encoding resynchronisations; outside the lock. */
	private List<byte[]> batch(Object[] taken) {
		List<byte[]> batch = new ArrayList<>(taken.length);
		long resyncBytes = 0;
		for (Object o : taken) {
			if (o instanceof byte[] frame) {
				batch.add(frame);
			}
			else if (o instanceof Unconflatable u) {
				batch.add(u.frame());
			}
			else {
				Resync r = (Resync) o;
				for (byte[] frame : r.resource.resyncEvents(r.from, r.to)) {
					batch.add(frame);
					resyncBytes += frame.length;
				}
			}
		}
		if (resyncBytes > 0) {
			synchronized (lock) {
				inFlightBytes += resyncBytes;
			}
		}
		return batch;
	}

	/** The completion of one write: tells the drain loop whether it finished synchronously. */
	private final class Completion implements Consumer<Throwable> {

		private boolean returned;

		private boolean done;

		@Override
		public void accept(Throwable failure) {
			writeStartedNanos = 0;
			synchronized (lock) {
				inFlightBytes = 0;
				inFlightUnconflatableBytes = 0;
				if (failure != null) {
					logger.debug("Writing to a client failed: " + failure);
					closed = true;
					clearPending();
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
