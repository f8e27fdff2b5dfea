package io.resgate.spring.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal application running the gateway for end-to-end tests, with a page on {@code GET /}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class GatewayTestApp {

	/** A page on the WebSocket path, to show that plain requests still reach controllers. */
	@RestController
	static class PageController {

		@GetMapping("/")
		String page() {
			return "hello page";
		}
	}

	/**
	 * A running application.
	 * @param context the context
	 */
	public record Running(ConfigurableApplicationContext context) implements AutoCloseable {

		/** @return the HTTP port */
		public int port() {
			return ((WebServerApplicationContext) context).getWebServer().getPort();
		}

		/** @return the WebSocket URI */
		public URI wsUri() {
			return URI.create("ws://127.0.0.1:" + port() + "/");
		}

		/** @return the messaging bean */
		public Messaging messaging() {
			return context.getBean(Messaging.class);
		}

		/** @return the gateway core */
		public GatewayService gateway() {
			return context.getBean(GatewayService.class);
		}

		@Override
		public void close() {
			context.close();
		}
	}

	/**
	 * Starts the app on a random port.
	 * @param properties extra properties, {@code key=value}
	 * @return the running app
	 */
	public static Running start(String... properties) {
		return start(new Class<?>[0], properties);
	}

	/**
	 * Starts the app on a random port with more configuration classes.
	 * @param sources more configuration classes
	 * @param properties extra properties, {@code key=value}
	 * @return the running app
	 */
	public static Running start(Class<?>[] sources, String... properties) {
		List<String> props = new ArrayList<>(List.of("server.port=0", "resgate.cache.unsubscribe-delay=50ms",
				"resgate.request-timeout=2500ms", "spring.main.banner-mode=off", "resgate.service.enabled=false"));
		props.addAll(List.of(properties));
		List<Class<?>> all = new ArrayList<>(List.of(GatewayTestApp.class));
		all.addAll(List.of(sources));
		return new Running(new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
			.properties(props.toArray(String[]::new))
			.run());
	}
}
