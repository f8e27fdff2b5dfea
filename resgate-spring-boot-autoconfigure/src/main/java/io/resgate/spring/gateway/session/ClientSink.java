package io.resgate.spring.gateway.session;

import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.SerialExecutor;

/**
 * Where a connection's outgoing frames go: a WebSocket, or a collector for an HTTP request.
 * No method may block.
 */
public interface ClientSink {

	/**
	 * Queues a frame for the client: a response, or anything else that is not an event of a resource.
	 * @param frame the encoded JSON frame; shared between connections, must not be modified
	 */
	void send(byte[] frame);

	/**
	 * Queues an event of a resource that must reach the client as it is: a custom event, or one that
	 * adds or removes a reference, carries resources, deletes or unsubscribes the resource. The
	 * resource's earlier pending events stay before it.
	 * @param frame the encoded event; shared between connections, must not be modified
	 * @param resource the resource the event is on
	 */
	default void sendEvent(byte[] frame, ClientResource resource) {
		send(frame);
	}

	/**
	 * Queues a change, add or remove event that only changes values (no reference comes or goes). A
	 * sink falling behind may replace it, with the resource's other such events queued after it, by
	 * the events from {@code from} to the latest {@code to} ({@link ClientResource#resyncEvents}).
	 * @param frame the encoded event; shared between connections, must not be modified
	 * @param resource the resource the event is on
	 * @param from the state of the resource before the event, as the client will have it
	 * @param to the state after the event
	 * @return {@code true} if the event was queued as it is, {@code false} if it was conflated
	 */
	default boolean sendEvent(byte[] frame, ClientResource resource, ResourceState from, ResourceState to) {
		send(frame);
		return true;
	}

	/**
	 * Tells the sink the connection's serial context, from which frames are sent: a sink may then
	 * write what that context sends once its tasks at hand are done, on its thread
	 * ({@link SerialExecutor#onIdle}), instead of handing the write to another thread.
	 * @param serial the connection's serial context
	 */
	default void flushWith(SerialExecutor serial) {
	}

	/**
	 * Closes the client's transport; the connection is disposed when the transport reports it closed.
	 * @param reason a reason for the logs
	 */
	void disconnect(String reason);
}
