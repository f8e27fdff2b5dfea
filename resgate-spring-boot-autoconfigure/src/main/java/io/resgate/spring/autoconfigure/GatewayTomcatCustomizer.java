package io.resgate.spring.autoconfigure;

import java.util.function.Consumer;

import io.resgate.spring.gateway.http.ResErrorReportValve;
import io.resgate.spring.protocol.ResCodec;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Sets up the embedded Tomcat for a gateway, as Resgate's Go server behaves: no connection limit,
 * no limit of requests per keep-alive connection, request targets of up to 64 KB, the characters
 * Resgate takes in paths and queries, and RES error bodies on the requests Tomcat refuses.
 *
 * <p>Each value is a default: it is applied only where the application did not set the
 * {@code server.*} property itself, so the usual Spring Boot properties override it. A customizer
 * of the application's own (not ordered, or ordered after this one) also wins.
 *
 * <table>
 * <caption>Server defaults for a gateway</caption>
 * <tr><th>property</th><th>Spring Boot's default</th><th>for a gateway</th></tr>
 * <tr><td>{@code server.tomcat.max-connections}</td><td>8192</td><td>-1 (no limit)</td></tr>
 * <tr><td>{@code server.tomcat.accept-count}</td><td>100</td><td>4096</td></tr>
 * <tr><td>{@code server.tomcat.max-keep-alive-requests}</td><td>100</td><td>-1 (no limit)</td></tr>
 * <tr><td>{@code server.max-http-request-header-size}</td><td>8KB</td><td>64KB</td></tr>
 * <tr><td>{@code server.tomcat.relaxed-query-chars}</td><td>none</td><td>{@code " < > [ \ ] ^ ` { | }}</td></tr>
 * <tr><td>{@code server.tomcat.relaxed-path-chars}</td><td>none</td><td>{@code " < > [ \ ] ^ ` { | }}</td></tr>
 * </table>
 *
 * <p>The connector's read buffer per socket ({@code socket.appReadBufSize}, no {@code server.*}
 * property) is 4 KB instead of 8 KB: every open WebSocket holds one for as long as it is open, and
 * RES clients send small messages. An application's own connector customizer can set it again.
 *
 * <p>The error report is replaced on the whole server: an error response without a body gets a
 * RES error object (see {@link ResErrorReportValve}).
 */
public class GatewayTomcatCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	/** Order: after Spring Boot's own Tomcat customizers (order 0), before the application's unordered ones. */
	public static final int ORDER = 10;

	/** Largest number of open connections: no limit, as Resgate (the process's open-file limit applies). */
	public static final int MAX_CONNECTIONS = -1;

	/** Backlog of connections not yet accepted, so that thousands of clients can connect at once. */
	public static final int ACCEPT_COUNT = 4096;

	/** Largest number of requests on one keep-alive connection: no limit, as Resgate. */
	public static final int MAX_KEEP_ALIVE_REQUESTS = -1;

	/** Largest request line and headers: long query resources fit, as with Resgate. */
	public static final DataSize MAX_HTTP_REQUEST_HEADER_SIZE = DataSize.ofKilobytes(64);

	/** The connector's read buffer per socket, in bytes: 4 KB less than Tomcat's for each open WebSocket. */
	public static final int SOCKET_READ_BUFFER_SIZE = 4096;

	/** All the characters Tomcat can be told to accept unencoded in paths and queries, as Resgate does. */
	public static final String RELAXED_CHARS = "\"<>[\\]^`{|}";

	private final Environment environment;

	private final ResCodec codec;

	/**
	 * Creates the customizer.
	 * @param environment the environment, to find the {@code server.*} properties set by the application
	 * @param codec the JSON codec of error bodies
	 */
	public GatewayTomcatCustomizer(Environment environment, ResCodec codec) {
		this.environment = environment;
		this.codec = codec;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		unlessSet("server.tomcat.max-connections", () -> protocol(factory, AbstractProtocol.class,
				p -> p.setMaxConnections(MAX_CONNECTIONS)));
		unlessSet("server.tomcat.accept-count", () -> protocol(factory, AbstractProtocol.class,
				p -> p.setAcceptCount(ACCEPT_COUNT)));
		unlessSet("server.tomcat.max-keep-alive-requests", () -> protocol(factory, AbstractHttp11Protocol.class,
				p -> p.setMaxKeepAliveRequests(MAX_KEEP_ALIVE_REQUESTS)));
		unlessSet("server.max-http-request-header-size", () -> protocol(factory, AbstractHttp11Protocol.class,
				p -> p.setMaxHttpRequestHeaderSize((int) MAX_HTTP_REQUEST_HEADER_SIZE.toBytes())));
		unlessSet("server.tomcat.relaxed-query-chars", () -> factory
			.addConnectorCustomizers(connector -> connector.setProperty("relaxedQueryChars", RELAXED_CHARS)));
		unlessSet("server.tomcat.relaxed-path-chars", () -> factory
			.addConnectorCustomizers(connector -> connector.setProperty("relaxedPathChars", RELAXED_CHARS)));
		factory.addConnectorCustomizers(
				connector -> connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_READ_BUFFER_SIZE)));
		factory.addContextCustomizers(context -> useErrorReport(context.getParent()));
	}

	private void useErrorReport(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		host.getPipeline().addValve(new ResErrorReportValve(codec));
		if (host instanceof StandardHost standardHost) {
			// The host adds an error valve of this class when it starts, unless it has one already.
			standardHost.setErrorReportValveClass(ResErrorReportValve.class.getName());
		}
	}

	private void unlessSet(String property, Runnable apply) {
		if (!isSet(property)) {
			apply.run();
		}
	}

	/**
	 * Tells if the application set a property, in any form Spring Boot binds (such as an
	 * environment variable, or list elements {@code name[0]}).
	 * @param property the canonical property name
	 * @return whether it is set
	 */
	boolean isSet(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(name) != null
					|| source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	private static <P> void protocol(ConfigurableTomcatWebServerFactory factory, Class<P> type, Consumer<P> apply) {
		// A connector customizer, as Spring Boot sets these: it runs after every protocol handler customizer.
		factory.addConnectorCustomizers(connector -> {
			if (type.isInstance(connector.getProtocolHandler())) {
				apply.accept(type.cast(connector.getProtocolHandler()));
			}
		});
	}
}
