package io.resgate.spring.gateway.requests;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import io.resgate.spring.gateway.cache.GatewayObservations;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.cache.ResourceCache;
import io.resgate.spring.gateway.cache.SerialExecutor;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.ClientMessages;
import io.resgate.spring.gateway.session.ClientSink;
import io.resgate.spring.gateway.session.GatewayStats;
import io.resgate.spring.gateway.session.OutboundBacklog;
import io.resgate.spring.gateway.session.WriteDeadline;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.Timers;
import io.resgate.spring.protocol.ResCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The gateway core, shared by every transport: it owns the resource cache and the threads, creates
 * client connections and hands their frames to the {@link ClientRequestHandler}. The WebSocket
 * handler and the HTTP API are thin adapters over it.
 *
 * <p>Faults ({@link GatewayState}, followed by {@link MessagingFaults}): when the messaging
 * connection is lost, clients stay connected and keep their subscriptions for the outage grace
 * period; requests that need a service are answered at once with {@code system.serviceUnavailable}
 * meanwhile. When the connection is back, every cached resource is fetched again and access
 * re-checked, as after a system reset, and clients get the differences as events. Past the grace
 * period, the clients are closed once and the gateway is {@link GatewayState#DOWN} until the
 * connection is back. When messages were dropped, every cached resource is fetched again and
 * access re-checked too.
 */
public final class GatewayService implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(GatewayService.class);

	private final Messaging messaging;

	private final GatewaySettings settings;

	private final ClientMessages messages;

	private final ResourceCache cache;

	private final ClientRequestHandler requests;

	private final ResourceRequests resourceRequests = new ResourceRequests();

	private final MethodRequests methodRequests = new MethodRequests();

	private final GatewayObservations observations;

	private final GatewayStats stats = new GatewayStats();

	private final ExecutorService pool;

	private final ScheduledExecutorService timer;

	private volatile WriteDeadline writeDeadline;

	/** The one subscription to connection events of all connections, dispatched by cid. */
	private volatile MessageSubscription connEvents;

	private final ClientConnections connections = new ClientConnections();

	private final ConnectionIds cids = new ConnectionIds();

	private final MessagingFaults faults;

	/**
	 * Creates the gateway core; call {@link #start()} next.
	 * @param messaging the messaging system
	 * @param codec the JSON codec
	 * @param settings the settings
	 */
	public GatewayService(Messaging messaging, ResCodec codec, GatewaySettings settings) {
		this(messaging, codec, settings, ObservationRegistry.NOOP);
	}

	/**
	 * Creates the gateway core that observes client requests and the service requests made for them
	 * ({@link GatewayObservations}); call {@link #start()} next.
	 * @param messaging the messaging system
	 * @param codec the JSON codec
	 * @param settings the settings
	 * @param observationRegistry the registry to observe with; {@link ObservationRegistry#NOOP} for none
	 */
	public GatewayService(Messaging messaging, ResCodec codec, GatewaySettings settings,
			ObservationRegistry observationRegistry) {
		this.observations = new GatewayObservations(observationRegistry);
		this.messaging = messaging;
		this.settings = settings;
		this.messages = new ClientMessages(codec);
		int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
		this.pool = Executors.newFixedThreadPool(threads, daemon("resgate-gateway-"));
		this.timer = Timers.singleThread("resgate-gateway-timer");
		this.cache = new ResourceCache(messaging, codec, pool, timer, settings.requestTimeout(),
				settings.unsubscribeDelay(), settings.resetThrottle(), observations);
		this.requests = new ClientRequestHandler(messages, stats, observations, resourceRequests, methodRequests);
		this.faults = new MessagingFaults(settings.outageGracePeriod(), timer, cache, connections::size,
				connections::disconnectAll);
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger n = new AtomicInteger();
		return r -> {
			Thread t = new Thread(r, prefix + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		};
	}

	/** Starts listening to system events and to the messaging connection's state. */
	public void start() {
		messaging.addConnectionListener(faults::onConnectionEvent);
		cache.start();
		writeDeadline = new WriteDeadline(settings.writeTimeout(), timer, connections.all());
		connEvents = messaging.subscribe("conn.*.*", connections::onConnectionEvent);
		faults.start(messaging.isConnected());
	}

	/** @return whether the gateway is started and its messaging connected */
	public boolean isAvailable() {
		return state() == GatewayState.CONNECTED && messaging.isConnected();
	}

	/** @return what the gateway can do now, following its messaging connection */
	public GatewayState state() {
		return faults.state();
	}

	/**
	 * Adds a listener told each change of {@link #state()} while the gateway runs (not the one of
	 * {@link #close()}), once per change and in order; it must not block.
	 * @param listener the listener
	 */
	public void addStateListener(Consumer<GatewayState> listener) {
		faults.addStateListener(listener);
	}

	/** @return the settings */
	public GatewaySettings settings() {
		return settings;
	}

	/** @return the resource cache */
	public ResourceCache cache() {
		return cache;
	}

	/** @return the get, subscribe and unsubscribe requests: the request layer every transport uses */
	public ResourceRequests resourceRequests() {
		return resourceRequests;
	}

	/** @return the call, auth and new requests: the request layer every transport uses */
	public MethodRequests methodRequests() {
		return methodRequests;
	}

	/** @return the client frame encoder */
	public ClientMessages messages() {
		return messages;
	}

	/**
	 * The executor that runs the outbound queues' drain tasks. A drain never blocks: transports
	 * write without blocking and report completion later.
	 * @return the executor
	 */
	public Executor outboundExecutor() {
		return pool;
	}

	/** @return the gateway's timer, for short scheduled tasks that never block */
	public ScheduledExecutorService timer() {
		return timer;
	}

	/** @return the observations of client requests and of the service requests made for them */
	public GatewayObservations observations() {
		return observations;
	}

	/** @return the totals of client requests and events sent, for monitoring */
	public GatewayStats stats() {
		return stats;
	}

	/** @return the number of open client connections */
	public int connectionCount() {
		return connections.size();
	}

	/**
	 * The outbound backlog of all client connections now, for monitoring. Reads every connection's
	 * queue: call it when a meter registry polls, not per request.
	 * @return the total and the largest backlog
	 */
	public OutboundBacklog outboundBacklog() {
		return connections.outboundBacklog();
	}

	/**
	 * Opens a client connection with a new random connection ID.
	 * @param sink where its frames go
	 * @param httpRequest the client's HTTP request, or {@code null}
	 * @return the connection
	 */
	public ClientConnection connect(ClientSink sink, HttpRequestInfo httpRequest) {
		return connect(sink, httpRequest, false, true);
	}

	/**
	 * Opens a short-lived connection for one HTTP API request: latest protocol version, events discarded.
	 * Run its operations through {@link ClientConnection#enqueue} and {@link #disconnected} it when done.
	 * @param httpRequest the client's HTTP request
	 * @return the connection
	 */
	public ClientConnection connectHttp(HttpRequestInfo httpRequest) {
		return connectHttp(httpRequest, true);
	}

	/**
	 * Opens a short-lived connection for one HTTP API request, as {@link #connectHttp(HttpRequestInfo)}.
	 * @param httpRequest the client's HTTP request
	 * @param connectionEvents whether the connection takes connection events ({@code conn.<cid>.token}) and
	 * token resets: needed with header auth only, where the auth request may set a token for the request
	 * @return the connection
	 */
	public ClientConnection connectHttp(HttpRequestInfo httpRequest, boolean connectionEvents) {
		ClientSink discard = new ClientSink() {
			@Override
			public void send(byte[] frame) {
			}

			@Override
			public void disconnect(String reason) {
			}
		};
		return connect(discard, httpRequest, true, connectionEvents);
	}

	private ClientConnection connect(ClientSink sink, HttpRequestInfo httpRequest, boolean http,
			boolean connectionEvents) {
		ClientConnection c = new ClientConnection(cids.next(), http, cache, messages, sink, new SerialExecutor(pool, observations),
				httpRequest, settings.referenceThrottle(), stats, timer);
		connections.add(c);
		if (connectionEvents) {
			c.open();
		}
		else {
			c.openWithoutEvents();
		}
		return c;
	}

	/**
	 * Handles a frame received from a client.
	 * @param conn the connection
	 * @param frame the text frame
	 */
	public void onFrame(ClientConnection conn, String frame) {
		requests.handle(conn, frame);
	}

	/**
	 * Handles a frame received from a client.
	 * @param conn the connection
	 * @param frame the frame, UTF-8 JSON; not modified afterwards
	 */
	public void onFrame(ClientConnection conn, byte[] frame) {
		requests.handle(conn, frame);
	}

	/**
	 * Handles a frame received from a client that was larger than the transport accepts: the
	 * request in it, if its ID is in the part kept, is answered with an error.
	 * @param conn the connection
	 * @param prefix the start of the frame
	 */
	public void onFrameTooLarge(ClientConnection conn, byte[] prefix) {
		requests.handleTooLarge(conn, prefix);
	}

	/**
	 * Disposes a connection whose transport closed.
	 * @param conn the connection
	 */
	public void disconnected(ClientConnection conn) {
		connections.remove(conn);
		conn.close();
	}

	@Override
	public void close() {
		faults.stop();
		connections.disconnectAll("gateway shutting down");
		if (writeDeadline != null) {
			writeDeadline.close();
		}
		if (connEvents != null) {
			connEvents.unsubscribe();
		}
		cache.stop();
		pool.shutdown();
		timer.shutdownNow();
		try {
			pool.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
