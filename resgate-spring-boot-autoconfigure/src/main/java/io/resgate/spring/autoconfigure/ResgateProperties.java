package io.resgate.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the RES gateway, the RES services and their messaging system, under {@code resgate.*}.
 * The gateway options mirror Resgate's own configuration.
 */
@ConfigurationProperties("resgate")
public class ResgateProperties {

	/**
	 * Timeout of requests to services; a service's pre-response may extend it.
	 */
	private Duration requestTimeout = Duration.ofMillis(3000);

	/**
	 * Path of the WebSocket endpoint. Only upgrade requests are taken there, so a page may still be served on the same path.
	 */
	private String wsPath = "/";

	/**
	 * Path prefix of the HTTP API.
	 */
	private String apiPath = "/api";

	/**
	 * Encoding of resources in HTTP API responses: "json" (references as nested objects with href) or "jsonflat".
	 */
	private String apiEncoding = "json";

	/**
	 * Largest request body the HTTP API accepts; larger bodies are answered 413.
	 */
	private DataSize apiMaxBodySize = DataSize.ofMegabytes(1);

	/**
	 * Resource method for an auth request sent with the HTTP headers before each HTTP API request, such as "auth.header". Disabled if unset.
	 */
	private String headerAuth;

	/**
	 * Resource method for an auth request sent with the HTTP headers when a WebSocket connects, such as "auth.header". Disabled if unset.
	 */
	private String wsHeaderAuth;

	/**
	 * Comma-separated list of allowed origins for WebSocket and HTTP API requests, or "*" for any origin.
	 */
	private List<String> allowOrigin = new ArrayList<>(List.of("*"));

	/**
	 * Call method that HTTP PUT requests are mapped to. PUT is not allowed if unset.
	 */
	private String putMethod;

	/**
	 * Call method that HTTP DELETE requests are mapped to. DELETE is not allowed if unset.
	 */
	private String deleteMethod;

	/**
	 * Call method that HTTP PATCH requests are mapped to. PATCH is not allowed if unset.
	 */
	private String patchMethod;

	/**
	 * Whether WebSocket per-message compression is allowed.
	 */
	private boolean wsCompression = false;

	/**
	 * Largest number of resource get requests sent at once after a system reset. 0 means no limit.
	 */
	private int resetThrottle = 0;

	/**
	 * Largest number of get requests for referenced resources sent at once per subscription. 0 means no limit.
	 */
	private int referenceThrottle = 0;

	private final Nats nats = new Nats();

	private final Gateway gateway = new Gateway();

	private final Service service = new Service();

	private final Cache cache = new Cache();

	private final Metrics metrics = new Metrics();

	private final Observations observations = new Observations();

	private final Security security = new Security();

	public Metrics getMetrics() {
		return metrics;
	}

	public Observations getObservations() {
		return observations;
	}

	public Duration getRequestTimeout() {
		return requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public String getWsPath() {
		return wsPath;
	}

	public void setWsPath(String wsPath) {
		this.wsPath = wsPath;
	}

	public String getApiPath() {
		return apiPath;
	}

	public void setApiPath(String apiPath) {
		this.apiPath = apiPath;
	}

	public String getApiEncoding() {
		return apiEncoding;
	}

	public void setApiEncoding(String apiEncoding) {
		this.apiEncoding = apiEncoding;
	}

	public DataSize getApiMaxBodySize() {
		return apiMaxBodySize;
	}

	public void setApiMaxBodySize(DataSize apiMaxBodySize) {
		this.apiMaxBodySize = apiMaxBodySize;
	}

	public String getHeaderAuth() {
		return headerAuth;
	}

	public void setHeaderAuth(String headerAuth) {
		this.headerAuth = headerAuth;
	}

	public String getWsHeaderAuth() {
		return wsHeaderAuth;
	}

	public void setWsHeaderAuth(String wsHeaderAuth) {
		this.wsHeaderAuth = wsHeaderAuth;
	}

	public List<String> getAllowOrigin() {
		return allowOrigin;
	}

	public void setAllowOrigin(List<String> allowOrigin) {
		this.allowOrigin = allowOrigin;
	}

	public String getPutMethod() {
		return putMethod;
	}

	public void setPutMethod(String putMethod) {
		this.putMethod = putMethod;
	}

	public String getDeleteMethod() {
		return deleteMethod;
	}

	public void setDeleteMethod(String deleteMethod) {
		this.deleteMethod = deleteMethod;
	}

	public String getPatchMethod() {
		return patchMethod;
	}

	public void setPatchMethod(String patchMethod) {
		this.patchMethod = patchMethod;
	}

	public boolean isWsCompression() {
		return wsCompression;
	}

	public void setWsCompression(boolean wsCompression) {
		this.wsCompression = wsCompression;
	}

	public int getResetThrottle() {
		return resetThrottle;
	}

	public void setResetThrottle(int resetThrottle) {
		this.resetThrottle = resetThrottle;
	}

	public int getReferenceThrottle() {
		return referenceThrottle;
	}

	public void setReferenceThrottle(int referenceThrottle) {
		this.referenceThrottle = referenceThrottle;
	}

	public Nats getNats() {
		return nats;
	}

	public Gateway getGateway() {
		return gateway;
	}

	public Service getService() {
		return service;
	}

	public Cache getCache() {
		return cache;
	}

	public Security getSecurity() {
		return security;
	}

	/**
	 * Spring Security for the gateway: the lifecycle of the tokens connections take from their opening request.
	 */
	public static class Security {

		/**
		 * Subject of the auth requests the system.tokenReset events of this application (logout, session end, ResTokens) ask for, for connections whose token a service set with one of the token IDs. Connections whose token came from Spring Security need none: their token is cleared.
		 */
		private String tokenResetSubject = "auth.resgate.tokenReset";

		/**
		 * Whether the end of an HTTP session (logout, invalidation, timeout) or a change of its ID publishes system.tokenReset with the session's ID, so every gateway clears the tokens that session gave.
		 */
		private boolean resetOnSessionEnd = true;

		public String getTokenResetSubject() {
			return tokenResetSubject;
		}

		public void setTokenResetSubject(String tokenResetSubject) {
			this.tokenResetSubject = tokenResetSubject;
		}

		public boolean isResetOnSessionEnd() {
			return resetOnSessionEnd;
		}

		public void setResetOnSessionEnd(boolean resetOnSessionEnd) {
			this.resetOnSessionEnd = resetOnSessionEnd;
		}
	}

	/**
	 * The gateway's resource cache.
	 */
	public static class Cache {

		/**
		 * How long a resource no client uses any more stays cached (and its events subscribed) before it is released.
		 */
		private Duration unsubscribeDelay = Duration.ofSeconds(5);

		public Duration getUnsubscribeDelay() {
			return unsubscribeDelay;
		}

		public void setUnsubscribeDelay(Duration unsubscribeDelay) {
			this.unsubscribeDelay = unsubscribeDelay;
		}
	}

	/**
	 * The NATS connection. Without a URL, the in-process bus is used.
	 */
	public static class Nats {

		/**
		 * Comma-separated list of NATS server URLs, such as nats://localhost:4222. The in-process bus is used if unset.
		 */
		private List<String> url = new ArrayList<>();

		/**
		 * Path of a NATS credentials file (JWT and NKey seed).
		 */
		private Path credentialsFile;

		/**
		 * Name of the connection, as shown by the NATS server.
		 */
		private String connectionName = "resgate-spring";

		/**
		 * Largest number of reconnect attempts per server; -1 for no limit.
		 */
		private int maxReconnects = -1;

		/**
		 * Time to wait between reconnect attempts to the same server.
		 */
		private Duration reconnectWait = Duration.ofSeconds(2);

		/**
		 * Timeout of the initial connection.
		 */
		private Duration connectionTimeout = Duration.ofSeconds(5);

		/**
		 * Time between the pings the gateway sends to its NATS server. A server that answers none of
		 * {@code max-pings-out} pings in a row is taken as lost: the gateway reconnects, to another
		 * server of the cluster if there is one. It is how a hung server or a network black hole (no TCP
		 * reset) is found.
		 */
		private Duration pingInterval = Duration.ofMinutes(2);

		/**
		 * Number of pings left unanswered before the NATS server is taken as lost.
		 */
		private int maxPingsOut = 2;

		/**
		 * How long the gateway keeps its clients connected while the NATS connection is lost; past it,
		 * clients are closed and the app reports itself not ready until NATS is back. 0 closes them at once.
		 */
		private Duration outageGracePeriod = Duration.ofSeconds(10);

		private final Tls tls = new Tls();

		public List<String> getUrl() {
			return url;
		}

		public void setUrl(List<String> url) {
			this.url = url;
		}

		public Path getCredentialsFile() {
			return credentialsFile;
		}

		public void setCredentialsFile(Path credentialsFile) {
			this.credentialsFile = credentialsFile;
		}

		public String getConnectionName() {
			return connectionName;
		}

		public void setConnectionName(String connectionName) {
			this.connectionName = connectionName;
		}

		public int getMaxReconnects() {
			return maxReconnects;
		}

		public void setMaxReconnects(int maxReconnects) {
			this.maxReconnects = maxReconnects;
		}

		public Duration getReconnectWait() {
			return reconnectWait;
		}

		public void setReconnectWait(Duration reconnectWait) {
			this.reconnectWait = reconnectWait;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public int getMaxPingsOut() {
			return this.maxPingsOut;
		}

		public void setMaxPingsOut(int maxPingsOut) {
			this.maxPingsOut = maxPingsOut;
		}

		public Duration getConnectionTimeout() {
			return connectionTimeout;
		}

		public void setConnectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public Duration getOutageGracePeriod() {
			return outageGracePeriod;
		}

		public void setOutageGracePeriod(Duration outageGracePeriod) {
			this.outageGracePeriod = outageGracePeriod;
		}

		public Tls getTls() {
			return tls;
		}

		/**
		 * TLS for the NATS connection.
		 */
		public static class Tls {

			/**
			 * Whether to connect with TLS (also implied by tls:// URLs).
			 */
			private boolean enabled = false;

			/**
			 * Path of a PEM file with the client certificate.
			 */
			private Path certFile;

			/**
			 * Path of a PEM file with the client private key.
			 */
			private Path keyFile;

			/**
			 * Path of a PEM file with the trusted CA certificates.
			 */
			private Path caFile;

			public boolean isEnabled() {
				return enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public Path getCertFile() {
				return certFile;
			}

			public void setCertFile(Path certFile) {
				this.certFile = certFile;
			}

			public Path getKeyFile() {
				return keyFile;
			}

			public void setKeyFile(Path keyFile) {
				this.keyFile = keyFile;
			}

			public Path getCaFile() {
				return caFile;
			}

			public void setCaFile(Path caFile) {
				this.caFile = caFile;
			}
		}
	}

	/**
	 * Micrometer meters.
	 */
	public static class Metrics {

		/**
		 * Whether the gateway, service and messaging meters are registered when Micrometer is present.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}
	}

	/**
	 * Micrometer observations (traces).
	 */
	public static class Observations {

		/**
		 * Whether client requests, service requests, request handlers and events are observed with the Micrometer Observation API (a span each with a tracer), the W3C trace context travelling in NATS message headers. Unset: observed when the application has a Micrometer Tracing tracer.
		 */
		private Boolean enabled;

		public Boolean getEnabled() {
			return enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}
	}

	/**
	 * The gateway half.
	 */
	public static class Gateway {

		/**
		 * Whether this application runs the gateway (WebSocket and HTTP API).
		 */
		private boolean enabled = true;

		/**
		 * Backlog of one WebSocket client (frames queued and being written) past which its events are conflated: pending changes of a model merge into one change, other value events of a resource become a resynchronisation from the cache. A shared frame counts in full for each client.
		 */
		private DataSize outboundQueueBytes = DataSize.ofMegabytes(1);

		private int outboundQueueSize = 10_000;

		/**
		 * Largest WebSocket message accepted from a client, in bytes (after decompression). A request in a larger message is answered with system.invalidRequest when its id comes before the limit; the connection stays open.
		 */
		private int maxMessageSize = 16 * 1024 * 1024;

		/**
		 * Write deadline: how long a write to a WebSocket client may wait for the client to read before the client counts as stalled and is closed (close code 1008, "write deadline exceeded").
		 */
		private Duration writeTimeout = Duration.ofSeconds(10);

		/**
		 * Threads that read the sockets of WebSocket connections directly, each watching its share of the connections and handling what they send without a hand-over to another thread (on Tomcat's NIO connector without TLS; elsewhere connections are read through the Servlet API). Unset: one per processor. 0 reads every connection through the Servlet API, on the container's threads.
		 */
		private Integer readThreads;

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getOutboundQueueBytes() {
			return outboundQueueBytes;
		}

		public void setOutboundQueueBytes(DataSize outboundQueueBytes) {
			this.outboundQueueBytes = outboundQueueBytes;
		}

		/**
		 * Largest number of frames queued for one WebSocket client. Ignored: the bound is in bytes.
		 * @return the number of frames
		 * @deprecated the outbound bound is {@code resgate.gateway.outbound-queue-bytes}
		 */
		@Deprecated
		@DeprecatedConfigurationProperty(replacement = "resgate.gateway.outbound-queue-bytes",
				reason = "The outbound bound is in bytes, and a client that keeps reading is no longer disconnected")
		public int getOutboundQueueSize() {
			return outboundQueueSize;
		}

		/**
		 * Sets the ignored frame count.
		 * @param outboundQueueSize the number of frames
		 * @deprecated the outbound bound is {@code resgate.gateway.outbound-queue-bytes}
		 */
		@Deprecated
		public void setOutboundQueueSize(int outboundQueueSize) {
			this.outboundQueueSize = outboundQueueSize;
		}

		public int getMaxMessageSize() {
			return maxMessageSize;
		}

		public void setMaxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public Duration getWriteTimeout() {
			return writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

		public Integer getReadThreads() {
			return readThreads;
		}

		public void setReadThreads(Integer readThreads) {
			this.readThreads = readThreads;
		}
	}

	/**
	 * The service half.
	 */
	public static class Service {

		/**
		 * Whether this application serves its @ResModel and @ResCollection beans.
		 */
		private boolean enabled = true;

		/**
		 * NATS queue group of the service's request subscriptions, so several instances share the load. No queue group if empty.
		 */
		private String queueGroup;

		/**
		 * Number of worker threads handling requests; requests for one resource are handled one at a time.
		 */
		private int workers = 16;

		/**
		 * Whether a system reset for the owned resources is sent on start and after every reconnect.
		 */
		private boolean resetOnStart = true;

		/**
		 * Largest number of requests queued or in progress; further requests are answered with an internal error at once. 0 for no limit.
		 */
		private int maxPending = 10000;

		/**
		 * How long query requests are accepted after a query event is sent.
		 */
		private Duration queryEventDuration = Duration.ofSeconds(3);

		/**
		 * How long stopping the service waits for requests in progress.
		 */
		private Duration drainTimeout = Duration.ofSeconds(10);

		/**
		 * Spring Data repositories as RES resources (@ResStore).
		 */
		private final Store store = new Store();

		public Store getStore() {
			return store;
		}

		public int getMaxPending() {
			return maxPending;
		}

		public void setMaxPending(int maxPending) {
			this.maxPending = maxPending;
		}

		public Duration getQueryEventDuration() {
			return queryEventDuration;
		}

		public void setQueryEventDuration(Duration queryEventDuration) {
			this.queryEventDuration = queryEventDuration;
		}

		public Duration getDrainTimeout() {
			return drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			this.drainTimeout = drainTimeout;
		}

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getQueueGroup() {
			return queueGroup;
		}

		public void setQueueGroup(String queueGroup) {
			this.queueGroup = queueGroup;
		}

		public int getWorkers() {
			return workers;
		}

		public void setWorkers(int workers) {
			this.workers = workers;
		}

		public boolean isResetOnStart() {
			return resetOnStart;
		}

		public void setResetOnStart(boolean resetOnStart) {
			this.resetOnStart = resetOnStart;
		}
	}

	/**
	 * The store layer: Spring Data repositories as RES resources.
	 */
	public static class Store {

		/**
		 * Whether writes of the entities of @ResStore resources send their RES events (when Spring Data is on the class path).
		 */
		private boolean enabled = true;

		/**
		 * How long after a write that another service instance may have interleaved with a system reset of the touched resource is sent, so gateways converge on the database.
		 */
		private Duration settleDelay = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getSettleDelay() {
			return settleDelay;
		}

		public void setSettleDelay(Duration settleDelay) {
			this.settleDelay = settleDelay;
		}
	}
}
