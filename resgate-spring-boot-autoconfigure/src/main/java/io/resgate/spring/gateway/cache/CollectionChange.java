package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.resgate.spring.protocol.ResException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * A collection add or remove event applied to a cached collection: its {@code idx} (0 if absent)
 * and value checked, and the collection it makes.
 */
final class CollectionChange {

	private static final Log logger = LogFactory.getLog(CollectionChange.class);

	private CollectionChange() {
	}

	/**
	 * Applies an add event; the event is given the index and value, and marked as an update.
	 * @param name the resource name, for logging
	 * @param collection the cached collection
	 * @param r the add event
	 * @return the new collection, or {@code null} if the event is invalid (logged)
	 */
	static List<ResValue> add(String name, List<ResValue> collection, ResourceEvent r) {
		int idx;
		ResValue value;
		try {
			idx = idx(r.payload());
			JsonNode v = r.payload().get("value");
			if (v == null) {
				throw ResException.internalError("missing value");
			}
			value = ResValue.parseProper(v);
		}
		catch (ResException ex) {
			logger.error("Error processing event " + name + ".add: " + ex.getError().message());
			return null;
		}
		if (idx < 0 || idx > collection.size()) {
			logger.error("Error processing event " + name + ".add: idx " + idx + " is out of bounds");
			return null;
		}
		List<ResValue> col = new ArrayList<>(collection.size() + 1);
		col.addAll(collection.subList(0, idx));
		col.add(value);
		col.addAll(collection.subList(idx, collection.size()));
		r.idx = idx;
		r.value = value;
		r.update = true;
		return Collections.unmodifiableList(col);
	}

	/**
	 * Applies a remove event; the event is given the index and the removed value, and marked as an update.
	 * @param name the resource name, for logging
	 * @param collection the cached collection
	 * @param r the remove event
	 * @return the new collection, or {@code null} if the event is invalid (logged)
	 */
	static List<ResValue> remove(String name, List<ResValue> collection, ResourceEvent r) {
		int idx;
		try {
			idx = idx(r.payload());
		}
		catch (ResException ex) {
			logger.error("Error processing event " + name + ".remove: " + ex.getError().message());
			return null;
		}
		if (idx < 0 || idx >= collection.size()) {
			logger.error("Error processing event " + name + ".remove: idx " + idx + " is out of bounds");
			return null;
		}
		r.value = collection.get(idx);
		List<ResValue> col = new ArrayList<>(collection);
		col.remove(idx);
		r.idx = idx;
		r.update = true;
		return Collections.unmodifiableList(col);
	}

	private static int idx(JsonNode payload) {
		if (payload == null || !payload.isObject()) {
			throw ResException.internalError("event payload must be an object");
		}
		JsonNode idx = payload.get("idx");
		if (idx == null || idx.isNull()) {
			return 0;
		}
		if (!idx.isIntegralNumber() || !idx.canConvertToInt()) {
			throw ResException.internalError("invalid idx");
		}
		return idx.asInt();
	}
}
