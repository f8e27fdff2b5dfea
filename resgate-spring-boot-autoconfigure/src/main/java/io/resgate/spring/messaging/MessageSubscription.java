package io.resgate.spring.messaging;

/**
 * An active subscription; unsubscribing stops delivery.
 */
public interface MessageSubscription {

	/** @return the subscribed subject, possibly with wildcards */
	String subject();

	/** Stops the subscription. Idempotent. */
	void unsubscribe();
}
