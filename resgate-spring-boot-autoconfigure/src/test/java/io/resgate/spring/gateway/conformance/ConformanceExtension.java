package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its {@link Scenario}s. The nats-server and one gateway application per profile and
 * transport live in the root extension store: started on first use, shared by the whole run, and
 * closed when it ends. Each scenario gets a fresh service name, so scenarios never see each other's
 * resources on the shared gateways.
 */
final class ConformanceExtension implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

	private final List<Scenario> open = new ArrayList<>();

	private ExtensionContext context;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.context = context;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<Scenario> toClose = new ArrayList<>(open);
		open.clear();
		toClose.forEach(Scenario::close);
	}

	/** Opens a scenario on the standard gateway. */
	Scenario open(Transport transport) {
		return open(transport, GatewayProfile.STANDARD);
	}

	/** Opens a scenario on the gateway of a profile. */
	Scenario open(Transport transport, GatewayProfile profile) {
		ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
		RunningGateway gateway = store.computeIfAbsent(profile.name() + "/" + transport,
				key -> new RunningGateway(transport, profile, natsUrl(store)), RunningGateway.class);
		AtomicInteger counter = store.computeIfAbsent("counter", key -> new AtomicInteger(), AtomicInteger.class);
		Scenario scenario = new Scenario(gateway, new Names("s" + counter.incrementAndGet()));
		open.add(scenario);
		return scenario;
	}

	/** The nats-server of the run; started on first use. */
	NatsServer nats() {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent("nats", key -> new NatsServer(), NatsServer.class);
	}

	private String natsUrl(ExtensionContext.Store store) {
		return store.computeIfAbsent("nats", key -> new NatsServer(), NatsServer.class).url();
	}

	/** The shared nats-server process. */
	static final class NatsServer implements AutoCloseable {

		private final NatsServerExtension server = new NatsServerExtension();

		NatsServer() {
			try {
				server.start();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start nats-server", ex);
			}
		}

		String url() {
			return server.url();
		}

		@Override
		public void close() {
			server.stop();
		}
	}
}
