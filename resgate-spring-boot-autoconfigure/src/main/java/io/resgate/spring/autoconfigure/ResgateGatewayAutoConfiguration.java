package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.http.ResgateApiHandler;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.gateway.web.WebSocketHandshake;
import io.resgate.spring.gateway.web.WebSocketUpgradeMapping;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import jakarta.servlet.http.HttpUpgradeHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The RES gateway: the RES-Client protocol over WebSocket at {@code resgate.ws-path} (upgrade
 * requests only, so a page or controller may still answer plain requests on the same path),
 * bridged to the services through the {@link Messaging} bean.
 *
 * <p>The WebSocket protocol is served by the gateway's own engine on the Servlet API's HTTP upgrade,
 * so Spring WebSocket is not needed. Active in a Spring MVC servlet web application, unless
 * {@code resgate.gateway.enabled=false}. On an embedded Tomcat, the server is set up for a gateway
 * ({@link GatewayTomcatCustomizer}).
 */
@AutoConfiguration(afterName = "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, HttpUpgradeHandler.class })
@ConditionalOnProperty(prefix = "resgate.gateway", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean({ Messaging.class, ResCodec.class })
@EnableConfigurationProperties(ResgateProperties.class)
@Import(ResgateGatewayTomcatConfiguration.class)
public class ResgateGatewayAutoConfiguration {

	/** Order of the WebSocket handler mapping: before controllers and the welcome page. */
	public static final int HANDLER_MAPPING_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	/**
	 * The gateway core.
	 * @param messaging the messaging system
	 * @param codec the JSON codec
	 * @param properties the configuration
	 * @param observationRegistries the application's observation registry, if any
	 * @param beans to find a tracer
	 * @return the started gateway
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public GatewayService resgateGatewayService(Messaging messaging, ResCodec codec, ResgateProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistries, ListableBeanFactory beans) {
		GatewaySettings settings = new GatewaySettings(properties.getRequestTimeout(),
				properties.getCache().getUnsubscribeDelay(), properties.getResetThrottle(),
				properties.getReferenceThrottle(), properties.getGateway().getOutboundQueueBytes().toBytes(),
				properties.getWsHeaderAuth()).withOutageGracePeriod(properties.getNats().getOutageGracePeriod())
			.withWriteTimeout(properties.getGateway().getWriteTimeout());
		GatewayService gateway = new GatewayService(messaging, codec, settings,
				ObservationSupport.registry(observationRegistries, beans, properties));
		gateway.start();
		return gateway;
	}

	/**
	 * Reports the gateway not ready ({@link org.springframework.boot.availability.ReadinessState#REFUSING_TRAFFIC})
	 * while its NATS connection is lost for longer than the outage grace period.
	 * @param gateway the gateway core
	 * @param publisher where availability change events go
	 * @return the readiness reporter
	 */
	@Bean
	@ConditionalOnMissingBean
	public GatewayReadiness resgateGatewayReadiness(GatewayService gateway, ApplicationEventPublisher publisher) {
		return new GatewayReadiness(gateway, publisher);
	}

	/**
	 * Logs where the gateway listens and which messaging system it uses, once the context is ready.
	 * @param messaging the messaging system
	 * @param properties the configuration
	 * @param apiHandler the HTTP API handler, if there is one
	 * @param environment the environment, for the servlet context path
	 * @return the logger bean
	 */
	@Bean
	SmartInitializingSingleton resgateGatewayStartupLog(Messaging messaging, ResgateProperties properties,
			ObjectProvider<ResgateApiHandler> apiHandler, Environment environment) {
		return new GatewayStartupLog(messaging, properties, apiHandler, environment);
	}

	/**
	 * The WebSocket handler.
	 * The WebSocket endpoint: the handshake, and the engine of the upgraded connections.
	 * @param gateway the gateway core
	 * @param properties the configuration
	 * @param tokens finds a connection's token in its upgrade request (Spring Security's authentication), if any
	 * @return the handshake handler
	 */
	@Bean
	@ConditionalOnMissingBean
	public WebSocketHandshake resgateWebSocketHandshake(GatewayService gateway, ResgateProperties properties,
			ObjectProvider<ConnectionTokenResolver> tokens) {
		Integer readThreads = properties.getGateway().getReadThreads();
		return new WebSocketHandshake(gateway, properties.getAllowOrigin(), properties.getWsHeaderAuth(),
				properties.getApiPath(), properties.isWsCompression(), properties.getGateway().getMaxMessageSize(),
				tokens.getIfUnique(), (readThreads != null) ? Math.max(0, readThreads)
						: Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Maps WebSocket upgrade requests on {@code resgate.ws-path} to the handshake; other requests on
	 * that path fall through to the application's own handlers.
	 * @param handshake the handshake handler
	 * @param properties the configuration
	 * @return the mapping
	 */
	@Bean
	@ConditionalOnMissingBean(name = "resgateWebSocketHandlerMapping")
	public WebSocketUpgradeMapping resgateWebSocketHandlerMapping(WebSocketHandshake handshake,
			ResgateProperties properties) {
		return new WebSocketUpgradeMapping(properties.getWsPath(), handshake, HANDLER_MAPPING_ORDER);
	}
}
