package io.resgate.spring.service;

import java.time.Duration;
import java.util.function.Consumer;

import io.nats.client.Options;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.test.NatsServerExtension;

/**
 * A service and a gateway-side test client on one transport: the in-process bus (one bus for both) or a
 * real nats-server (one connection each, as a gateway and a service would have).
 */
public final class ServiceHarness implements AutoCloseable {

	public enum Transport {
		LOCAL, NATS
	}

	private final Messaging serviceMessaging;

	private final Messaging clientMessaging;

	private final ResServiceRegistry registry;

	private final ResTestClient client;

	private final ResCodec codec = new ResCodec();

	public ServiceHarness(Transport transport, NatsServerExtension nats, Consumer<ResServiceRegistry.Builder> customizer)
			throws Exception {
		if (transport == Transport.LOCAL) {
			serviceMessaging = new LocalMessaging();
			clientMessaging = serviceMessaging;
		}
		else {
			serviceMessaging = connect(nats);
			clientMessaging = connect(nats);
		}
		ResServiceRegistry.Builder b = ResServiceRegistry.builder(serviceMessaging, codec).workers(4);
		customizer.accept(b);
		registry = b.build();
		client = new ResTestClient(clientMessaging, codec).timeout(Duration.ofSeconds(5));
		if (clientMessaging instanceof NatsMessaging n) {
			n.connection().flush(Duration.ofSeconds(5));
		}
	}

	public ServiceHarness(Transport transport, NatsServerExtension nats) throws Exception {
		this(transport, nats, b -> {
		});
	}

	public static NatsMessaging connect(NatsServerExtension nats) throws Exception {
		return NatsMessaging.connect(new Options.Builder().server(nats.url())
			.reconnectWait(Duration.ofMillis(100))
			.maxReconnects(-1));
	}

	public ResEvents events() {
		return registry.events();
	}

	public ResServiceRegistry registry() {
		return registry;
	}

	public ServiceHarness register(Object... components) {
		for (Object c : components) {
			registry.register(c);
		}
		return this;
	}

	/** Starts the service and consumes its system.reset, which also proves its subscriptions are active. */
	public ServiceHarness start() {
		registry.start();
		client.nextEvent().assertSubject("system.reset");
		return this;
	}

	public ResTestClient client() {
		return client;
	}

	public Messaging serviceMessaging() {
		return serviceMessaging;
	}

	public Messaging clientMessaging() {
		return clientMessaging;
	}

	public ResCodec codec() {
		return codec;
	}

	@Override
	public void close() {
		registry.shutdown();
		client.close();
		serviceMessaging.close();
		if (clientMessaging != serviceMessaging) {
			clientMessaging.close();
		}
	}
}
