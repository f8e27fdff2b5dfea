package io.resgate.spring.gateway.requests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import io.resgate.spring.gateway.cache.ResourceCache;
import io.resgate.spring.messaging.ConnectionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The gateway's reaction to the faults of its messaging connection, one per change of its
 * {@link GatewayState}: when the connection is lost, clients stay connected for the outage grace
 * period ({@link GatewayState#RECONNECTING}) and the cache fails requests that need a service at
 * once; when it is back, every cached resource is fetched again and access re-checked, as after a
 * system reset; past the grace period the clients are closed once ({@link GatewayState#DOWN}) until
 * it is back. When messages were dropped, every cached resource is fetched again too. The state
 * listeners are told each change once, in order.
 */
final class MessagingFaults {

	/** The gateway's logger: the fault lines keep the category they always had. */
	private static final Log logger = LogFactory.getLog(GatewayService.class);

	private final Duration grace;

	private final ScheduledExecutorService timer;

	private final ResourceCache cache;

	private final IntSupplier connectionCount;

	private final Consumer<String> disconnectAll;

	private final Object stateLock = new Object();

	// Guarded by stateLock
	private boolean running;

	private GatewayState state = GatewayState.STOPPED;

	private ScheduledFuture<?> graceTimer;

	private long lostAt;

	private final Object notifyLock = new Object();

	// Guarded by notifyLock
	private GatewayState notified = GatewayState.STOPPED;

	private final List<Consumer<GatewayState>> stateListeners = new CopyOnWriteArrayList<>();

	/**
	 * @param grace the outage grace period
	 * @param timer runs the grace period's end
	 * @param cache the resource cache, told of the connection's losses and returns
	 * @param connectionCount the number of client connections, for the log
	 * @param disconnectAll closes every client connection, with a reason
	 */
	MessagingFaults(Duration grace, ScheduledExecutorService timer, ResourceCache cache, IntSupplier connectionCount,
			Consumer<String> disconnectAll) {
		this.grace = grace;
		this.timer = timer;
		this.cache = cache;
		this.connectionCount = connectionCount;
		this.disconnectAll = disconnectAll;
	}

	/**
	 * Starts following the connection.
	 * @param connected whether the messaging connection is up now
	 */
	void start(boolean connected) {
		synchronized (stateLock) {
			running = true;
			state = GatewayState.CONNECTED;
		}
		if (!connected) {
			onLost();
		}
		notifyState();
	}

	/** Stops following the connection: the state is {@link GatewayState#STOPPED}, not told to the listeners. */
	void stop() {
		synchronized (stateLock) {
			running = false;
			state = GatewayState.STOPPED;
			cancelGraceTimerLocked();
		}
	}

	GatewayState state() {
		synchronized (stateLock) {
			return state;
		}
	}

	void addStateListener(Consumer<GatewayState> listener) {
		stateListeners.add(listener);
	}

	void onConnectionEvent(ConnectionEvent event) {
		switch (event) {
			case DISCONNECTED -> onLost();
			case RECONNECTED -> onBack();
			case CLOSED -> onClosed();
			case MESSAGES_DROPPED -> {
				logger.warn("Messages were dropped: resynchronizing all cached resources");
				cache.resync();
			}
		}
	}

	private void onLost() {
		synchronized (stateLock) {
			if (!running || state != GatewayState.CONNECTED) {
				return;
			}
			state = GatewayState.RECONNECTING;
			lostAt = System.nanoTime();
			if (grace.toNanos() > 0) {
				try {
					graceTimer = timer.schedule(this::onGraceExpired, grace.toNanos(), TimeUnit.NANOSECONDS);
				}
				catch (RejectedExecutionException ex) {
					return; // closing
				}
			}
		}
		cache.onConnectionLost();
		if (grace.toNanos() > 0) {
			logger.warn("Messaging connection lost: keeping " + connectionCount.getAsInt()
					+ " client connection(s) for up to " + seconds(grace) + " (outage grace period); requests that "
					+ "need a service are answered with system.serviceUnavailable until it is back");
			notifyState();
		}
		else {
			onGraceExpired();
		}
	}

	private void onGraceExpired() {
		synchronized (stateLock) {
			if (state != GatewayState.RECONNECTING) {
				return;
			}
			state = GatewayState.DOWN;
			graceTimer = null;
		}
		String reason = "NATS connection lost for more than " + seconds(grace);
		logger.warn(reason + ": closing " + connectionCount.getAsInt()
				+ " client connection(s); not ready until it is back");
		disconnectAll.accept(reason);
		notifyState();
	}

	private void onBack() {
		long outage;
		synchronized (stateLock) {
			if (!running || state == GatewayState.CONNECTED || state == GatewayState.STOPPED) {
				return;
			}
			state = GatewayState.CONNECTED;
			cancelGraceTimerLocked();
			outage = System.nanoTime() - lostAt;
		}
		logger.info("Messaging connection back after " + Duration.ofNanos(outage).toMillis() + " ms: fetching "
				+ cache.size() + " cached resource(s) again and re-checking access for " + connectionCount.getAsInt()
				+ " client connection(s)");
		cache.onReconnected(grace);
		notifyState();
	}

	private void onClosed() {
		synchronized (stateLock) {
			if (!running || state == GatewayState.STOPPED) {
				return;
			}
			state = GatewayState.STOPPED;
			cancelGraceTimerLocked();
		}
		logger.warn("Messaging connection closed: closing " + connectionCount.getAsInt()
				+ " client connection(s) and clearing the cache");
		disconnectAll.accept("messaging connection closed");
		cache.clear();
		notifyState();
	}

	private void cancelGraceTimerLocked() {
		if (graceTimer != null) {
			graceTimer.cancel(false);
			graceTimer = null;
		}
	}

	/** Tells the listeners the current state if it is not the one they were told last. */
	private void notifyState() {
		synchronized (notifyLock) {
			GatewayState now = state();
			if (now == notified) {
				return;
			}
			notified = now;
			for (Consumer<GatewayState> l : stateListeners) {
				try {
					l.accept(now);
				}
				catch (RuntimeException ex) {
					logger.error("Gateway state listener failed on " + now, ex);
				}
			}
		}
	}

	private static String seconds(Duration d) {
		return (d.toMillis() % 1000 == 0) ? d.toSeconds() + "s" : d.toMillis() + "ms";
	}
}
