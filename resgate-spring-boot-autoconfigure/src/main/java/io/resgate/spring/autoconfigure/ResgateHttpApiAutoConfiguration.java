package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.http.ApiBodyFilter;
import io.resgate.spring.gateway.http.HttpApiSettings;
import io.resgate.spring.gateway.http.ResgateApiHandler;
import io.resgate.spring.gateway.http.ResgateApiHandlerMapping;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.protocol.ResCodec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The gateway's HTTP API at {@code resgate.api-path}: resources, calls and access control over
 * plain HTTP, with Resgate's paths, encodings, status codes and CORS rules. Active wherever the
 * gateway is.
 */
@AutoConfiguration(after = ResgateGatewayAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({ GatewayService.class, ResCodec.class })
@EnableConfigurationProperties(ResgateProperties.class)
public class ResgateHttpApiAutoConfiguration {

	/**
	 * The HTTP API handler.
	 * @param gateway the gateway core
	 * @param codec the JSON codec
	 * @param properties the configuration
	 * @param tokens finds a request's token (Spring Security's authentication), if any
	 * @return the handler
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResgateApiHandler resgateApiHandler(GatewayService gateway, ResCodec codec, ResgateProperties properties,
			ObjectProvider<ConnectionTokenResolver> tokens) {
		HttpApiSettings settings = new HttpApiSettings(properties.getApiPath(), properties.getApiEncoding(),
				properties.getHeaderAuth(), properties.getAllowOrigin(), properties.getPutMethod(),
				properties.getDeleteMethod(), properties.getPatchMethod(), properties.getApiMaxBodySize().toBytes(),
				properties.getRequestTimeout());
		return new ResgateApiHandler(gateway, codec, settings, tokens.getIfUnique());
	}

	/**
	 * Maps every request under {@code resgate.api-path} to the handler, before controllers.
	 * @param handler the handler
	 * @return the mapping
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResgateApiHandlerMapping resgateApiHandlerMapping(ResgateApiHandler handler) {
		return new ResgateApiHandlerMapping(handler, ResgateGatewayAutoConfiguration.HANDLER_MAPPING_ORDER + 1);
	}

	/**
	 * Reads the bodies of API calls before form-parsing filters could take them.
	 * @param handler the handler
	 * @param properties the configuration
	 * @return the filter registration
	 */
	@Bean
	@ConditionalOnMissingBean(name = "resgateApiBodyFilter")
	public FilterRegistrationBean<ApiBodyFilter> resgateApiBodyFilter(ResgateApiHandler handler,
			ResgateProperties properties) {
		FilterRegistrationBean<ApiBodyFilter> registration = new FilterRegistrationBean<>(
				new ApiBodyFilter(handler, properties.getApiMaxBodySize().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
		return registration;
	}
}
