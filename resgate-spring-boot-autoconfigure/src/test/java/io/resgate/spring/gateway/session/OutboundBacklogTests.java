package io.resgate.spring.gateway.session;


import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's outbound backlog for monitoring: the sum and the largest of its connections' backlogs, read
 * from their queues when asked.
 */
class OutboundBacklogTests {

	private final LocalMessaging bus = new LocalMessaging();

	private final GatewayService gateway = new GatewayService(bus, new ResCodec(), GatewaySettings.defaults());

	@AfterEach
	void close() {
		gateway.close();
		bus.close();
	}

	@Test
	void totalAndLargestOfTheConnectionsBacklogs() {
		assertThat(gateway.outboundBacklog()).isEqualTo(new OutboundBacklog(0, 0));
		EventConflationTests.HeldWriter slow = new EventConflationTests.HeldWriter();
		EventConflationTests.HeldWriter slower = new EventConflationTests.HeldWriter();
		OutboundQueue q1 = new OutboundQueue(slow, Runnable::run, 1 << 20);
		OutboundQueue q2 = new OutboundQueue(slower, Runnable::run, 1 << 20);
		ClientConnection c1 = gateway.connect(q1, null);
		ClientConnection c2 = gateway.connect(q2, null);
		gateway.connectHttp(null); // an HTTP request's connection has no outbound queue
		for (int i = 0; i < 3; i++) {
			c1.send(new byte[100]);
		}
		for (int i = 0; i < 5; i++) {
			c2.send(new byte[1000]);
		}
		assertThat(c1.backlogBytes()).isEqualTo(300);
		assertThat(c2.backlogBytes()).isEqualTo(5000);
		assertThat(gateway.outboundBacklog()).isEqualTo(new OutboundBacklog(5300, 5000));

		slower.complete(); // the first frame was being written, the others are queued
		slower.complete();
		assertThat(gateway.outboundBacklog()).isEqualTo(new OutboundBacklog(300, 300));
	}
}
