package io.resgate.spring.gateway.cache;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.resgate.spring.protocol.ResException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * A model change event applied to a cached model: its values (the legacy v1.0 payload without
 * {@code values} accepted), the ones that change anything, and the model they make.
 */
final class ModelChange {

	private static final Log logger = LogFactory.getLog(ModelChange.class);

	private ModelChange() {
	}

	/**
	 * Applies a change event to a model. When it changes anything, the event is given the changed
	 * values and the old model, and marked as an update.
	 * @param name the resource name, for logging
	 * @param model the cached model
	 * @param r the change event
	 * @return the new model, or {@code null} if the event changes nothing or is invalid (logged)
	 */
	static Map<String, ResValue> apply(String name, Map<String, ResValue> model, ResourceEvent r) {
		Map<String, ResValue> props = values(name, r.payload());
		TreeMap<String, ResValue> m = new TreeMap<>(model);
		TreeMap<String, ResValue> changed = new TreeMap<>();
		for (Map.Entry<String, ResValue> e : props.entrySet()) {
			String k = e.getKey();
			ResValue v = e.getValue();
			if (v.kind() == ResValue.Kind.DELETE) {
				if (m.remove(k) != null) {
					changed.put(k, v);
				}
			}
			else if (!v.equals(m.get(k))) {
				m.put(k, v);
				changed.put(k, v);
			}
		}
		if (changed.isEmpty()) {
			return null;
		}
		r.changed = Collections.unmodifiableMap(changed);
		r.oldValues = model;
		r.update = true;
		return Collections.unmodifiableMap(m);
	}

	private static Map<String, ResValue> values(String name, JsonNode payload) {
		try {
			if (payload == null || !payload.isObject()) {
				throw ResException.internalError("change event payload must be an object");
			}
			JsonNode values = payload;
			JsonNode v = payload.get("values");
			if (payload.size() == 1 && v != null && v.isObject()) {
				values = v;
			}
			else {
				logger.debug("Legacy v1.0 change event without values on " + name);
			}
			TreeMap<String, ResValue> props = new TreeMap<>();
			for (Map.Entry<String, JsonNode> e : values.properties()) {
				props.put(e.getKey(), ResValue.parse(e.getValue()));
			}
			return props;
		}
		catch (ResException ex) {
			logger.error("Error processing event " + name + ".change: " + ex.getError().message());
			return Map.of();
		}
	}
}
