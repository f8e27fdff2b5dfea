package io.resgate.spring.service.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Gives a {@code @SpringBootTest} a {@link ResTestClient} bean on the application's in-process bus, to
 * test the application's RES services the way a gateway uses them:
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureResTestClient
 * class HelloModelTests {
 *
 *     @Autowired
 *     ResTestClient client;
 *
 *     @Test
 *     void setChangesTheMessage() {
 *         client.call("example.model", "set", Map.of("message", "Hi")).assertResult(null);
 *         client.nextEventOf("example.model").assertChange("example.model", Map.of("message", "Hi"));
 *     }
 * }
 * }</pre>
 *
 * <ul>
 * <li>The application runs on the in-process bus even when its configuration names a NATS server
 * ({@code resgate.nats.url} is set empty for the test), so the test needs no broker.</li>
 * <li>The client records the events the services publish. Before each test method it forgets those
 * published so far (the services' start-up {@code system.reset}, events of earlier tests), so a test sees
 * the events it caused, and those of schedulers running meanwhile ({@link ResTestClient#nextEventOf}
 * picks one resource's events).</li>
 * <li>Requests go to the services directly, not through the gateway: access is not checked unless
 * the test sends access requests itself.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(ResTestClientAutoConfiguration.class)
@TestPropertySource(properties = "resgate.nats.url=")
public @interface AutoConfigureResTestClient {
}
