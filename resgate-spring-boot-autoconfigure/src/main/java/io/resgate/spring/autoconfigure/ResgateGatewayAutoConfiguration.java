package io.resgate.spring.autoconfigure;

import java.util.Map;

import io.resgate.spring.gateway.http.ResgateApiHandler;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.gateway.web.ResgateHandshakeHandler;
import io.resgate.spring.gateway.web.ResgateHandshakeInterceptor;
import io.resgate.spring.gateway.web.ResgateWebSocketHandler;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
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
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The RES gateway: the RES-Client protocol over WebSocket at {@code resgate.ws-path} (upgrade
 * requests only, so a page or controller may still answer plain requests on the same path),
 * bridged to the services through the {@link Messaging} bean.
 *
 * <p>Active in a servlet web application with Spring WebSocket, unless
 * {@code resgate.gateway.enabled=false}. On an embedded Tomcat, the server is set up for a gateway
 * ({@link GatewayTomcatCustomizer}).
 */
@AutoConfiguration(afterName = "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketHandler.class)
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
	 * @return the started gateway
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public GatewayService resgateGatewayService(Messaging messaging, ResCodec codec, ResgateProperties properties) {
		GatewaySettings settings = new GatewaySettings(properties.getRequestTimeout(),
				properties.getCache().getUnsubscribeDelay(), properties.getResetThrottle(),
				properties.getReferenceThrottle(), properties.getGateway().getOutboundQueueBytes().toBytes(),
				properties.getWsHeaderAuth()).withOutageGracePeriod(properties.getNats().getOutageGracePeriod());
		GatewayService gateway = new GatewayService(messaging, codec, settings);
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
	 * @param gateway the gateway core
	 * @param properties the configuration
	 * @return the handler
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResgateWebSocketHandler resgateWebSocketHandler(GatewayService gateway, ResgateProperties properties) {
		return new ResgateWebSocketHandler(gateway, properties.getGateway().getMaxMessageSize());
	}

	/**
	 * Maps WebSocket upgrade requests on {@code resgate.ws-path} to the handler; other requests on
	 * that path fall through to the application's own handlers.
	 * @param handler the WebSocket handler
	 * @param gateway the gateway core
	 * @param properties the configuration
	 * @return the mapping
	 */
	@Bean
	@ConditionalOnMissingBean(name = "resgateWebSocketHandlerMapping")
	public WebSocketHandlerMapping resgateWebSocketHandlerMapping(ResgateWebSocketHandler handler,
			GatewayService gateway, ResgateProperties properties) {
		WebSocketHttpRequestHandler requestHandler = new WebSocketHttpRequestHandler(handler,
				new ResgateHandshakeHandler(properties.isWsCompression()));
		requestHandler.getHandshakeInterceptors().add(new ResgateHandshakeInterceptor(gateway,
				properties.getAllowOrigin(), properties.getWsHeaderAuth(), properties.getApiPath()));
		WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
		mapping.setUrlMap(Map.of(properties.getWsPath(), requestHandler));
		mapping.setWebSocketUpgradeMatch(true);
		mapping.setOrder(HANDLER_MAPPING_ORDER);
		return mapping;
	}
}
