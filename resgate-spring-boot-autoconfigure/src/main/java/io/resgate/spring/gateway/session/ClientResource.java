package io.resgate.spring.gateway.session;

import java.util.List;

import io.resgate.spring.gateway.cache.ResourceState;

/**
 * A resource as one client connection follows it. A connection's outbound queue conflates the
 * pending events of one such resource, and asks it for the events that take the client from the
 * state it was last sent to the latest one.
 */
public interface ClientResource {

	/**
	 * Encodes the events that take the client from one state of the resource to another, as after a
	 * system reset: one change event for a model, remove and add events for a collection. Called from
	 * any thread; must use only the arguments and immutable state.
	 * @param from the state the client has
	 * @param to the state it is to have
	 * @return the event frames, in order; empty if the states are equal
	 */
	List<byte[]> resyncEvents(ResourceState from, ResourceState to);
}
