package io.resgate.spring.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.resgate.spring.gateway.cache.CollectionDiff;
import io.resgate.spring.gateway.cache.ModelDiff;
import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.ResourceType;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes the events that take a client from one state of a resource to another: the values that
 * differ as one change event for a model; remove and add events for a collection, computed around
 * its references so that no reference is removed and added again.
 */
final class ResyncEvents {

	private ResyncEvents() {
	}

	/**
	 * Encodes the events.
	 * @param messages the frame encoder
	 * @param rid the resource ID as the client knows it
	 * @param from the state the client has
	 * @param to the state it is to have
	 * @param legacy whether the client speaks a protocol older than 1.2.1
	 * @return the event frames, in order
	 */
	static List<byte[]> encode(ClientMessages messages, String rid, ResourceState from, ResourceState to,
			boolean legacy) {
		if (from == to || from.type() != to.type()) {
			return List.of();
		}
		if (to.type() == ResourceType.MODEL) {
			Map<String, ResValue> changed = ModelDiff.diff(from.model(), to.model());
			if (changed.isEmpty()) {
				return List.of();
			}
			ObjectNode d = JsonNodeFactory.instance.objectNode();
			d.set("values", ResValue.toJson(changed, legacy));
			return List.of(messages.event(rid, "change", d));
		}
		List<CollectionDiff.Step> steps = CollectionDiff.diffAround(from.collection(), to.collection(),
				ResValue::isReference);
		List<byte[]> frames = new ArrayList<>(steps.size());
		for (CollectionDiff.Step s : steps) {
			ObjectNode d = JsonNodeFactory.instance.objectNode();
			d.put("idx", s.idx());
			if (s.add()) {
				d.set("value", s.value().json(legacy));
			}
			frames.add(messages.event(rid, s.add() ? "add" : "remove", d));
		}
		return frames;
	}
}
