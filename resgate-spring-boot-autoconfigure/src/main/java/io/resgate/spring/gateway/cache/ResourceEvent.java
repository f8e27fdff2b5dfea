package io.resgate.spring.gateway.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * An event on a cached resource, as passed from the cache to the subscriptions of all connections.
 * The cache fills in what it learnt while applying the event (the changed values, the index and
 * value of an add or remove, the version it applies to); after that the event is read-only.
 *
 * <p>A client frame built from the event is encoded once per distinct form (resource ID as the
 * client knows it, protocol flavour) and the same bytes are reused for every connection.
 */
public final class ResourceEvent {

	private final String name;

	private final JsonNode payload;

	int idx;

	ResValue value;

	Map<String, ResValue> changed;

	Map<String, ResValue> oldValues;

	long version;

	boolean update;

	private final Map<String, byte[]> encoded = new ConcurrentHashMap<>(2);

	/**
	 * Creates an event.
	 * @param name the event name, such as {@code change}
	 * @param payload the event payload, or {@code null}
	 */
	public ResourceEvent(String name, JsonNode payload) {
		this.name = name;
		this.payload = payload;
	}

	/** @return the event name */
	public String name() {
		return name;
	}

	/** @return the payload as the service sent it, or {@code null} */
	public JsonNode payload() {
		return payload;
	}

	/** @return the index of an add or remove event */
	public int idx() {
		return idx;
	}

	/** @return the value added or removed */
	public ResValue value() {
		return value;
	}

	/** @return the changed values of a change event, key-sorted, unchanged keys stripped */
	public Map<String, ResValue> changed() {
		return changed;
	}

	/** @return the model values before a change event */
	public Map<String, ResValue> oldValues() {
		return oldValues;
	}

	/** @return the internal resource version the event applies to */
	public long version() {
		return version;
	}

	/** @return whether the event changes the resource's data */
	public boolean isUpdate() {
		return update;
	}

	/**
	 * Returns the client frame for a form of this event, encoding it on first use.
	 * @param key the form (such as resource ID and protocol flavour)
	 * @param encoder builds the frame
	 * @return the frame bytes, shared by all connections asking for the same form
	 */
	public byte[] frame(String key, Supplier<byte[]> encoder) {
		return encoded.computeIfAbsent(key, k -> encoder.get());
	}
}
