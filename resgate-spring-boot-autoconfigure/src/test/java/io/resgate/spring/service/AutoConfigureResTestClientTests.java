package io.resgate.spring.service;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.examples.HelloWorld;
import io.resgate.spring.service.test.AutoConfigureResTestClient;
import io.resgate.spring.service.test.ResTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureResTestClient} as an application's test uses it: a ready client on the in-process
 * bus, though the application's configuration names a NATS server, that sees only the events of the
 * running test.
 */
@SpringBootTest(properties = "spring.config.name=restestclient-on-nats")
@AutoConfigureResTestClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureResTestClientTests {

	@Autowired
	ResTestClient client;

	@Autowired
	Messaging messaging;

	@Test
	@Order(1)
	void runsOnTheInProcessBusAndSeesOnlyTheEventsOfTheTest() {
		assertThat(messaging).isInstanceOf(LocalMessaging.class);
		client.get("example.model").assertModel(Map.of("message", "Hello, World!"));
		client.call("example.model", "set", Map.of("message", "first")).assertResult(null);
		// the first event is the test's own: the start-up system.reset is forgotten
		client.nextEvent().assertChange("example.model", Map.of("message", "first"));
		client.call("example.model", "set", Map.of("message", "left for the next test")).assertResult(null);
	}

	@Test
	@Order(2)
	void startsEachTestWithoutTheEventsOfEarlierOnes() {
		client.assertNoEvent(Duration.ofMillis(100));
		client.call("example.model", "set", Map.of("message", "second")).assertResult(null);
		client.nextEventOf("example.model").assertChange("example.model", Map.of("message", "second"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(HelloWorld.class)
	static class App {
	}
}
