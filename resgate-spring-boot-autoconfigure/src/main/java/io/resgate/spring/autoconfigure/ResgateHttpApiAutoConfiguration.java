package io.resgate.spring.autoconfigure;

import java.util.List;

import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.http.ApiAnswerGate;
import io.resgate.spring.gateway.http.ApiBodyFilter;
import io.resgate.spring.gateway.http.HttpApiSettings;
import io.resgate.spring.gateway.http.ResgateApiHandler;
import io.resgate.spring.gateway.http.ResgateApiHandlerMapping;
import io.resgate.spring.gateway.http.ResgateApiServlet;
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
import org.springframework.boot.web.servlet.ServletRegistrationBean;
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
	 * Serves {@code resgate.api-path} with a servlet of its own, so that API requests skip Spring
	 * MVC's {@code DispatcherServlet}; the filters mapped to every path (Spring Security's among
	 * them) still run. Disabled where the API path is {@code /} or holds {@code resgate.ws-path}:
	 * the handler mapping below serves the API inside {@code DispatcherServlet} then.
	 * @param handler the handler
	 * @param properties the configuration
	 * @return the servlet registration
	 */
	@Bean
	@ConditionalOnMissingBean(name = "resgateApiServlet")
	public ServletRegistrationBean<ResgateApiServlet> resgateApiServlet(ResgateApiHandler handler,
			ResgateProperties properties) {
		List<String> mappings = ResgateApiServlet.urlMappings(properties.getApiPath(), properties.getWsPath());
		ServletRegistrationBean<ResgateApiServlet> registration = new ServletRegistrationBean<>(
				new ResgateApiServlet(handler), mappings.toArray(String[]::new));
		registration.setName("resgateApiServlet");
		registration.setAsyncSupported(true);
		registration.setLoadOnStartup(1);
		registration.setEnabled(!mappings.isEmpty());
		return registration;
	}

	/**
	 * Maps every request under {@code resgate.api-path} that reaches {@code DispatcherServlet} to the
	 * handler, before controllers: the container's error dispatch of an API request, and every API
	 * request where the API has no servlet of its own.
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
	/**
	 * Holds an HTTP API answer back until the filters of its request have returned, so that no filter
	 * changes the response while the answer is written.
	 * @param handler the handler
	 * @return the filter registration, first of all filters
	 */
	@Bean
	@ConditionalOnMissingBean(name = "resgateApiAnswerGate")
	public FilterRegistrationBean<ApiAnswerGate> resgateApiAnswerGate(ResgateApiHandler handler) {
		FilterRegistrationBean<ApiAnswerGate> registration = new FilterRegistrationBean<>(new ApiAnswerGate(handler));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

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
