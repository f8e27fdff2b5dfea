package io.resgate.spring.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.resgate.spring.messaging.Messaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the gateway end to end: {@code clients} WebSocket connections subscribe to one model,
 * a service publishes {@code events} change events, and every client must receive every event.
 * Reports delivered events per second, the latency from publish to client receipt, and how many
 * get requests the service saw (one, however many clients subscribe).
 *
 * <p>Usage: {@code java -jar resgate-spring-benchmarks.jar clients=200 events=2000 rate=0 nats=nats://...};
 * {@code rate} paces publishing (events per second, 0 for a burst); without {@code nats} the
 * in-process bus is used. Everything runs in one JVM on this machine, so the clients
 * compete with the gateway for the CPU: numbers are for comparing versions, not an absolute limit.
 */
@SpringBootApplication
public class FanoutBenchmark {

	public static void main(String[] args) throws Exception {
		java.util.Map<String, String> opts = new java.util.HashMap<>();
		for (String a : args) {
			int eq = a.indexOf('=');
			if (eq > 0) {
				opts.put(a.substring(0, eq), a.substring(eq + 1));
			}
		}
		int clients = Integer.parseInt(opts.getOrDefault("clients", "200"));
		int events = Integer.parseInt(opts.getOrDefault("events", "2000"));
		int rate = Integer.parseInt(opts.getOrDefault("rate", "0"));
		String natsUrl = opts.getOrDefault("nats", "");
		List<String> props = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--resgate.service.enabled=false",
				// every client is to get every event: a bound that the whole burst fits in, so none is conflated
				"--resgate.gateway.outbound-queue-bytes=" + Math.max(1L << 20, events * 256L)));
		if (!natsUrl.isEmpty()) {
			props.add("--resgate.nats.url=" + natsUrl);
		}
		try (ConfigurableApplicationContext ctx = SpringApplication.run(FanoutBenchmark.class, props.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
			Messaging messaging = ctx.getBean(Messaging.class);
			new Run(messaging, port, clients, events, rate, natsUrl.isEmpty() ? "in-process bus" : "NATS " + natsUrl).execute();
		}
		System.exit(0);
	}

	static final class Run {

		private final Messaging service;

		private final int port;

		private final int clients;

		private final int events;

		private final int rate;

		private final String transport;

		private final AtomicInteger gets = new AtomicInteger();

		Run(Messaging service, int port, int clients, int events, int rate, String transport) {
			this.rate = rate;
			this.service = service;
			this.port = port;
			this.clients = clients;
			this.events = events;
			this.transport = transport;
		}

		void execute() throws Exception {
			service.subscribe("access.bench.>", m -> service.publish(m.replyTo(),
					"{\"result\":{\"get\":true}}".getBytes(StandardCharsets.UTF_8)));
			service.subscribe("get.bench.>", m -> {
				gets.incrementAndGet();
				service.publish(m.replyTo(), "{\"result\":{\"model\":{\"seq\":0,\"ts\":0}}}".getBytes(StandardCharsets.UTF_8));
			});

			long[] latencies = new long[clients * events];
			AtomicInteger latencyCount = new AtomicInteger();
			CountDownLatch subscribed = new CountDownLatch(clients);
			CountDownLatch received = new CountDownLatch(clients);
			HttpClient http = HttpClient.newHttpClient();
			List<WebSocket> sockets = new ArrayList<>();
			long subscribeStart = System.nanoTime();
			for (int i = 0; i < clients; i++) {
				Client c = new Client(subscribed, received, latencies, latencyCount);
				WebSocket ws = http.newWebSocketBuilder()
					.buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), c)
					.get(10, TimeUnit.SECONDS);
				// one send at a time on a java.net.http WebSocket
				ws.sendText("{\"id\":1,\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\"}}", true)
					.thenCompose(w -> w.sendText("{\"id\":2,\"method\":\"subscribe.bench.model\"}", true))
					.get(10, TimeUnit.SECONDS);
				sockets.add(ws);
			}
			if (!subscribed.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("clients did not subscribe in time");
			}
			long subscribeNanos = System.nanoTime() - subscribeStart;

			long start = System.nanoTime();
			for (int seq = 1; seq <= events; seq++) {
				if (rate > 0) {
					// paced publishing: wait for this event's slot
					long due = start + (long) ((seq - 1) * (1e9 / rate));
					while (System.nanoTime() < due) {
						Thread.onSpinWait();
					}
				}
				String payload = "{\"values\":{\"seq\":" + seq + ",\"ts\":" + System.nanoTime() + "}}";
				service.publish("event.bench.model.change", payload.getBytes(StandardCharsets.UTF_8));
			}
			boolean done = received.await(120, TimeUnit.SECONDS);
			long nanos = System.nanoTime() - start;
			for (WebSocket ws : sockets) {
				ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
			}
			long delivered = (long) clients * events;
			int n = latencyCount.get();
			long[] sorted = Arrays.copyOf(latencies, n);
			Arrays.sort(sorted);
			System.out.printf("transport:            %s%n", transport);
			System.out.printf("clients x events:     %d x %d%s%n", clients, events, done ? "" : " (NOT all delivered)");
			System.out.printf("publish rate:         %s%n", (rate > 0) ? rate + " events/s" : "as fast as possible (burst)");
			System.out.printf("subscribe all:        %.0f ms%n", subscribeNanos / 1e6);
			System.out.printf("get requests:         %d%n", gets.get());
			System.out.printf("delivered events/s:   %.0f%n", n / (nanos / 1e9));
			System.out.printf("latency p50/p99/max:  %.2f / %.2f / %.2f ms%n", pct(sorted, 0.50), pct(sorted, 0.99),
					(n > 0) ? sorted[n - 1] / 1e6 : 0.0);
			System.out.printf("delivered:            %d of %d%n", n, delivered);
			Runtime rt = Runtime.getRuntime();
			System.out.printf("heap used:            %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
		}

		private static double pct(long[] sorted, double p) {
			return (sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
		}

		private final class Client implements WebSocket.Listener {

			private final CountDownLatch subscribed;

			private final CountDownLatch received;

			private final long[] latencies;

			private final AtomicInteger latencyCount;

			private final StringBuilder buffer = new StringBuilder();

			private int seen;

			Client(CountDownLatch subscribed, CountDownLatch received, long[] latencies, AtomicInteger latencyCount) {
				this.subscribed = subscribed;
				this.received = received;
				this.latencies = latencies;
				this.latencyCount = latencyCount;
			}

			@Override
			public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
				buffer.append(data);
				if (last) {
					handle(buffer.toString());
					buffer.setLength(0);
				}
				ws.request(1);
				return null;
			}

			private void handle(String frame) {
				if (!frame.startsWith("{\"event\"")) {
					if (frame.contains("\"id\":2")) {
						if (frame.contains("\"error\"")) {
							System.err.println("subscribe failed: " + frame);
						}
						subscribed.countDown();
					}
					return;
				}
				int ts = frame.indexOf("\"ts\":");
				if (ts < 0 || !frame.contains("bench.model.change")) {
					return;
				}
				long now = System.nanoTime();
				int end = ts + 5;
				while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
					end++;
				}
				long sent = Long.parseLong(frame.substring(ts + 5, end));
				int i = latencyCount.getAndIncrement();
				if (i < latencies.length) {
					latencies[i] = now - sent;
				}
				if (++seen == events) {
					received.countDown();
				}
			}
		}
	}
}
