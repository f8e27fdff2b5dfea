package io.resgate.spring.gateway.cache;

import io.resgate.spring.protocol.ResError;

/**
 * A subscription of one client connection on one cached resource. The cache calls these methods
 * from its own serial context; implementations hand the work to their connection and return.
 */
public interface CacheSubscriber {

	/** @return the resource name, with any connection ID tag replaced */
	String resourceName();

	/** @return the query of the resource ID, {@code ""} if none */
	String resourceQuery();

	/**
	 * The resource was loaded, or failed to load.
	 * @param resource the cached resource, or {@code null} on error
	 * @param error the error, or {@code null}
	 */
	void loaded(CachedResource resource, ResError error);

	/**
	 * Like {@link #loaded}, for this subscriber alone (not one of many told at once): the subscriber
	 * may do the work on the calling thread.
	 * @param resource the cached resource, or {@code null} on error
	 * @param error the error, or {@code null}
	 */
	default void loadedNow(CachedResource resource, ResError error) {
		loaded(resource, error);
	}

	/**
	 * An event on the resource, already applied to the cache.
	 * @param event the event
	 */
	void event(ResourceEvent event);

	/**
	 * Access to the resource must be checked again.
	 * @param throttle a throttle for the access requests, or {@code null}
	 */
	void reaccess(Throttle throttle);
}
