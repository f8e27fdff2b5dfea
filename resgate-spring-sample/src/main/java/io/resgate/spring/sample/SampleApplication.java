package io.resgate.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sample: RES gateway and RES services in one Spring Boot app. Runs on the in-process bus by
 * default; start it with {@code --resgate.nats.url=nats://localhost:4222} to use NATS, and with
 * {@code --resgate.service.enabled=false} or {@code --resgate.gateway.enabled=false} to run one half only.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}
}
