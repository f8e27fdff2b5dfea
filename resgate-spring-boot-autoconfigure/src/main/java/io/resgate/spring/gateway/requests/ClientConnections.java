package io.resgate.spring.gateway.requests;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.OutboundBacklog;
import io.resgate.spring.messaging.Message;

/**
 * The gateway's open client connections by connection ID: where connection events
 * ({@code conn.<cid>.<event>}) are dispatched, and what is closed all at once.
 */
final class ClientConnections {

	private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

	void add(ClientConnection c) {
		connections.put(c.cid(), c);
	}

	void remove(ClientConnection c) {
		connections.remove(c.cid(), c);
	}

	int size() {
		return connections.size();
	}

	/** @return the open connections, a live view */
	Collection<ClientConnection> all() {
		return connections.values();
	}

	/**
	 * Closes every connection.
	 * @param reason why, for the log
	 */
	void disconnectAll(String reason) {
		for (ClientConnection c : connections.values()) {
			c.disconnect(reason);
		}
	}

	/**
	 * Hands a connection event ({@code conn.<cid>.<event>}) to its connection, if it is one of
	 * this gateway's. Resgate subscribes {@code conn.<cid>.*} per connection; one wildcard
	 * subscription receives the same events without a NATS subscription per connection.
	 * @param m the event
	 */
	void onConnectionEvent(Message m) {
		String subject = m.subject();
		int end = subject.indexOf('.', 5);
		if (end < 0) {
			return;
		}
		ClientConnection c = connections.get(subject.substring(5, end));
		if (c != null) {
			c.onConnectionEvent(m);
		}
	}

	/** @return the total and the largest outbound backlog of the connections now */
	OutboundBacklog outboundBacklog() {
		long total = 0;
		long max = 0;
		for (ClientConnection c : connections.values()) {
			long b = c.backlogBytes();
			total += b;
			max = Math.max(max, b);
		}
		return new OutboundBacklog(total, max);
	}
}
