package io.resgate.spring.gateway.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.resgate.spring.gateway.GatewayTestApp;
import io.resgate.spring.gateway.ServiceStub;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP API answer that arrives while a filter is still at work on its request, after the servlet
 * returned (as Spring Security's header writer is), is written only once the filter has returned:
 * never by another thread while the filter changes the response.
 */
class HttpApiAnswerGateTests {

	/** Released once the service has answered; the filter then waits a little for the response to be committed. */
	static volatile CountDownLatch answered = new CountDownLatch(1);

	static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start(new Class<?>[] { LateFilterConfig.class });
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void anAnswerReadyBeforeTheFiltersReturnedWaitsForThem() throws Exception {
		answered = new CountDownLatch(1);
		try (ServiceStub service = new ServiceStub(app.messaging(), "access.>", "get.>")) {
			CompletableFuture<HttpResponse<String>> pending = HttpClient.newHttpClient()
				.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/late/model"))
					.build(), HttpResponse.BodyHandlers.ofString());
			List<ServiceStub.Request> requests = service.nextParallel(2);
			ServiceStub.pick(requests, "access.late.model").result("{\"get\":true}");
			ServiceStub.pick(requests, "get.late.model").result("{\"model\":{\"a\":1}}");
			answered.countDown();
			HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(r.body()).isEqualTo("{\"a\":1}");
			// the filter's header made it: the answer was not written before the filter had returned
			assertThat(r.headers().firstValue("X-Late")).hasValue("added after the servlet returned");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class LateFilterConfig {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> lateFilter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {
						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							chain.doFilter(request, response);
							if (!request.getRequestURI().startsWith("/api/late/")) {
								return;
							}
							try {
								answered.await(5, TimeUnit.SECONDS);
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
							// an answer written by another thread now would commit the response within this time
							long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
							while (!response.isCommitted() && System.nanoTime() < until) {
								LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
							}
							response.setHeader("X-Late", "added after the servlet returned");
						}
					});
			registration.addUrlPatterns("/api/*");
			registration.setOrder(0);
			return registration;
		}
	}
}
