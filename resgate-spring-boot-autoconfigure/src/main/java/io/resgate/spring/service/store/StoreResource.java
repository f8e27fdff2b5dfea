package io.resgate.spring.service.store;

import java.util.Map;

import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.repository.core.EntityInformation;

import io.resgate.spring.protocol.Rid;
import io.resgate.spring.service.runtime.RegisteredResource;
import io.resgate.spring.service.runtime.ResourceKind;

/**
 * A resource shown from one entity type: which resource names an entity touches.
 */
final class StoreResource {

	private final RegisteredResource resource;

	private final Class<?> entityType;

	private final EntityInformation<Object, Object> info;

	private final PersistentEntity<?, ? extends PersistentProperty<?>> entity;

	private final PersistentProperty<?> key;

	private final String placeholder;

	StoreResource(RegisteredResource resource, Class<?> entityType, EntityInformation<Object, Object> info,
			PersistentEntity<?, ? extends PersistentProperty<?>> entity, PersistentProperty<?> key) {
		this.resource = resource;
		this.entityType = entityType;
		this.info = info;
		this.entity = entity;
		this.key = key;
		this.placeholder = resource.placeholders().isEmpty() ? null : resource.placeholders().get(0);
	}

	RegisteredResource resource() {
		return resource;
	}

	Class<?> entityType() {
		return entityType;
	}

	boolean isModel() {
		return resource.kind() == ResourceKind.MODEL;
	}

	boolean isQuery() {
		return resource.query();
	}

	/** @return whether the placeholder holds the entity's ID */
	boolean keyedById() {
		return placeholder != null && key == null;
	}

	/**
	 * The resource an entity state touches.
	 * @param state the entity, or {@code null}
	 * @return the resource name, or {@code null} if none (no entity, no key value yet, or not a valid name)
	 */
	String nameOf(Object state) {
		if (placeholder == null) {
			return resource.pattern();
		}
		if (state == null) {
			return null;
		}
		Object value = (key == null) ? info.getId(state) : entity.getPropertyAccessor(state).getProperty(key);
		return bind(value);
	}

	/**
	 * The resource an entity ID touches, when the placeholder holds the ID (or there is none).
	 * @param id the ID
	 * @return the resource name, or {@code null} if the ID alone does not tell
	 */
	String nameOfId(Object id) {
		if (placeholder == null) {
			return resource.pattern();
		}
		return (key == null) ? bind(id) : null;
	}

	private String bind(Object value) {
		if (value == null) {
			return null;
		}
		String name = resource.resourceName(Map.of(placeholder, String.valueOf(value)));
		return Rid.isValidName(name) ? name : null;
	}

	/**
	 * The entity ID in a resource name, when the placeholder holds the ID.
	 * @param name a resource name
	 * @return the ID as a string, or {@code null} if the name is not of this resource
	 */
	String idIn(String name) {
		if (!keyedById()) {
			return null;
		}
		String[] parts = resource.pattern().split("\\.", -1);
		String[] tokens = name.split("\\.", -1);
		if (parts.length != tokens.length) {
			return null;
		}
		String id = null;
		for (int i = 0; i < parts.length; i++) {
			if (parts[i].charAt(0) == '$') {
				id = tokens[i];
			}
			else if (!parts[i].equals(tokens[i])) {
				return null;
			}
		}
		return id;
	}

	@Override
	public String toString() {
		return resource.pattern() + " (" + entityType.getSimpleName() + ")";
	}
}
