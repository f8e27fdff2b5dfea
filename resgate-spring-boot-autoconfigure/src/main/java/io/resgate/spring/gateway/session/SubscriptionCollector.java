package io.resgate.spring.gateway.session;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, after a subscription lost a direct or indirect user, which subscriptions of a
 * connection are no longer reachable from a direct subscription (and are dropped), and which are
 * still subscribed but no longer held by the client (and are marked unsent, to be sent again).
 * Resources that only reference each other in a cycle are not kept alive by it.
 */
final class SubscriptionCollector {

	private enum Mark {
		STOP, ROOT, NONE, DELETE, KEEP, UNSEND
	}

	private static final class Node {
		final Subscription sub;

		int indirect;

		int indirectSent;

		Mark mark = Mark.NONE;

		Node(Subscription sub, int indirect, int indirectSent) {
			this.sub = sub;
			this.indirect = indirect;
			this.indirectSent = indirectSent;
		}
	}

	private interface Visitor {
		Mark visit(Subscription sub, Mark state);
	}

	private SubscriptionCollector() {
	}

	static void collect(ClientConnection conn, Subscription root) {
		if (root.direct > 0) {
			return;
		}
		if (root.indirect == 0 && !root.hasReferences()) {
			// nothing refers to it and it refers to nothing: it goes alone (as a get's subscription)
			root.dispose();
			conn.forget(root.rid());
			return;
		}
		Map<String, Node> nodes = new HashMap<>();
		Node rootNode = new Node(root, root.indirect, root.indirectSent);
		nodes.put(root.rid(), rootNode);
		boolean sent = root.isSent();
		int sentDiff = sent ? 1 : 0;

		// Count the references made from within the subgraph below the root.
		traverse(root, Mark.ROOT, (sub, state) -> {
			if (state == Mark.ROOT) {
				return Mark.NONE;
			}
			Node n = nodes.get(sub.rid());
			if (n != null) {
				n.indirect--;
				n.indirectSent -= sentDiff;
				return Mark.STOP;
			}
			nodes.put(sub.rid(), new Node(sub, sub.indirect - 1, sub.indirectSent - sentDiff));
			return Mark.NONE;
		});

		if (rootNode.indirect > 0 && !(sent && rootNode.indirectSent == 0)) {
			return;
		}

		traverse(root, Mark.DELETE, (sub, state) -> {
			Node n = nodes.get(sub.rid());
			if (n.mark.compareTo(Mark.KEEP) >= 0) {
				return Mark.STOP;
			}
			if (n.indirect > 0 || state == Mark.KEEP) {
				n.mark = (sent && n.indirectSent == 0) ? Mark.UNSEND : Mark.KEEP;
				return Mark.KEEP;
			}
			if (n.mark != Mark.NONE) {
				return Mark.STOP;
			}
			n.mark = Mark.DELETE;
			return Mark.DELETE;
		});

		for (Map.Entry<String, Node> e : nodes.entrySet()) {
			switch (e.getValue().mark) {
				case DELETE -> {
					e.getValue().sub.dispose();
					conn.forget(e.getKey());
				}
				case UNSEND -> e.getValue().sub.unsend();
				default -> {
				}
			}
		}
	}

	private static void traverse(Subscription sub, Mark state, Visitor visitor) {
		if (sub.direct > 0) {
			return;
		}
		Mark next = visitor.visit(sub, state);
		if (next == Mark.STOP) {
			return;
		}
		for (Subscription ref : sub.refSubscriptions()) {
			traverse(ref, next, visitor);
		}
	}
}
