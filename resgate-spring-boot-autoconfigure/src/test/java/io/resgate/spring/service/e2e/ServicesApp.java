package io.resgate.spring.service.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRequest;
import io.resgate.spring.service.ResResponse;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.examples.BookCollection;
import io.resgate.spring.service.examples.HelloWorld;
import io.resgate.spring.service.examples.PasswordAuthentication;

/**
 * A Spring Boot application serving the example resources as annotated beans, and when it is a web
 * application, the gateway in front of them. A second, gateway-only application is {@link GatewayApp}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ServicesApp {

	@Bean
	BookCollection.Library library() {
		return new BookCollection.Library();
	}

	@Bean
	BookCollection.LibraryAccess libraryAccess() {
		return new BookCollection.LibraryAccess();
	}

	@Bean
	BookCollection.BookModel bookModel(BookCollection.Library library, ResEvents events) {
		return new BookCollection.BookModel(library, events);
	}

	@Bean
	BookCollection.BooksCollection booksCollection(BookCollection.Library library, ResEvents events) {
		return new BookCollection.BooksCollection(library, events);
	}

	@Bean
	HelloWorld helloWorld(ResEvents events) {
		return new HelloWorld(events);
	}

	@Bean
	PasswordAuthentication.Passwd passwd() {
		return new PasswordAuthentication.Passwd();
	}

	@Bean
	PasswordAuthentication.Ticker ticker(ResEvents events) {
		return new PasswordAuthentication.Ticker(events);
	}

	/** A call answering with an HTTP status and header, for the HTTP API (registered as a member class). */
	@ResResource("demo")
	public static class Demo {

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResCall("create")
		ResResponse<Map<String, Object>> create(ResRequest request) {
			return ResResponse.ok(Map.<String, Object>of("created", true, "isHttp", request.isHttp()))
				.withHeader("X-Demo", "yes");
		}

		@ResCall("secret")
		ResResponse<Void> secret() {
			return ResResponse.<Void>error(new ResError("demo.unauthorized", "Log in first"))
				.withStatus(401)
				.withHeader("WWW-Authenticate", "Bearer realm=\"demo\"");
		}
	}

	/** A gateway without services. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	public static class GatewayApp {
	}

	static ConfigurableApplicationContext start(Class<?> app, String... properties) {
		List<String> props = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"resgate.request-timeout=3000ms"));
		props.addAll(List.of(properties));
		return new SpringApplicationBuilder(app).properties(props.toArray(String[]::new)).run();
	}

	static int port(ConfigurableApplicationContext ctx) {
		return ((WebServerApplicationContext) ctx).getWebServer().getPort();
	}
}
