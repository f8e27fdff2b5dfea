package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.auth.RefusalBodyFilter;
import io.resgate.spring.gateway.auth.ResTokenMapper;
import io.resgate.spring.gateway.auth.ResTokens;
import io.resgate.spring.gateway.auth.SecurityContextTokenResolver;
import io.resgate.spring.gateway.auth.SessionTokenReset;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the gateway: the WebSocket upgrade and the HTTP API requests go through the
 * application's security filter chain like any request, and the {@code Authentication} it leaves
 * becomes the connection's RES token, set before any request of that connection (no {@code auth}
 * request needed). Active when Spring Security's web library is present; without it the gateway
 * works as before. Replace {@link ResTokenMapper} to choose what goes into the token, or
 * {@link ConnectionTokenResolver} to find tokens another way.
 *
 * <p>Token lifecycle: {@link ResTokens} publishes {@code system.tokenReset} for token IDs (the
 * application's revoke API), and {@link SessionTokenReset} does so by itself for an HTTP session that
 * ends (logout, invalidation, timeout) or changes its ID ({@code resgate.security.reset-on-session-end}).
 */
@AutoConfiguration(before = { ResgateGatewayAutoConfiguration.class, ResgateHttpApiAutoConfiguration.class },
		afterName = "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityContextHolder.class, SecurityFilterChain.class })
@ConditionalOnBean(ResCodec.class)
@EnableConfigurationProperties(ResgateProperties.class)
public class ResgateGatewaySecurityAutoConfiguration {

	/**
	 * Maps an authentication to a token: by default its principal's name and authorities,
	 * {@code {"name": ..., "authorities": [...]}}.
	 * @return the mapper
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResTokenMapper resgateTokenMapper() {
		return ResTokenMapper.nameAndAuthorities();
	}

	/**
	 * Finds a connection's token: the authentication in the security context of its opening request.
	 * @param mapper maps the authentication to a token
	 * @param codec encodes the token
	 * @return the resolver
	 */
	@Bean
	@ConditionalOnMissingBean
	public ConnectionTokenResolver resgateConnectionTokenResolver(ResTokenMapper mapper, ResCodec codec) {
		return new SecurityContextTokenResolver(mapper, codec);
	}

	/**
	 * Gives a refusal of the security chain on the gateway's paths that has no body (such as a bearer
	 * token's 401) a RES error body.
	 * @param codec encodes the error
	 * @param properties the gateway's paths
	 * @return the filter, before Spring Security's
	 */
	@Bean
	@ConditionalOnMissingBean(name = "resgateRefusalBodyFilter")
	public FilterRegistrationBean<RefusalBodyFilter> resgateRefusalBodyFilter(ResCodec codec,
			ResgateProperties properties) {
		FilterRegistrationBean<RefusalBodyFilter> registration = new FilterRegistrationBean<>(
				new RefusalBodyFilter(codec, properties.getWsPath(), properties.getApiPath()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 60);
		return registration;
	}

	/** The token lifecycle, with a messaging connection to publish token resets on. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Messaging.class)
	static class TokenLifecycle {

		/**
		 * Publishes {@code system.tokenReset}: the revoke API.
		 * @param messaging where to publish
		 * @param codec the JSON codec
		 * @param properties the subject of the auth requests ({@code resgate.security.token-reset-subject})
		 * @return the publisher
		 */
		@Bean
		@ConditionalOnMissingBean
		ResTokens resgateTokens(Messaging messaging, ResCodec codec, ResgateProperties properties) {
			return new ResTokens(messaging, codec, properties.getSecurity().getTokenResetSubject());
		}

		/**
		 * Resets the token ID of an HTTP session that ends or changes its ID.
		 * @param tokens publishes the reset
		 * @return the session listener, registered with the servlet container
		 */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "resgate.security.reset-on-session-end", matchIfMissing = true)
		SessionTokenReset resgateSessionTokenReset(ResTokens tokens) {
			return new SessionTokenReset(tokens);
		}
	}
}
