package io.resgate.spring.autoconfigure;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Warns once the context is ready about resources served on the in-process bus, next to the gateway,
 * that have a get handler but no access handler: nobody else can grant access to them there, so every
 * client is answered {@code system.notFound} without anything else logged.
 */
final class InProcessAccessCheck implements ApplicationListener<ContextRefreshedEvent> {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	private final ResServiceRegistry registry;

	private boolean checked;

	private final BooleanSupplier applies;

	/**
	 * @param registry the service
	 * @param applies whether the service is on the in-process bus next to the gateway, asked once ready
	 */
	InProcessAccessCheck(ResServiceRegistry registry, BooleanSupplier applies) {
		this.registry = registry;
		this.applies = applies;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (checked) {
			return; // a child context's refresh, such as the management server's
		}
		checked = true;
		if (!applies.getAsBoolean()) {
			return;
		}
		List<String> unguarded = registry.getHandlersWithoutAccess();
		if (!unguarded.isEmpty()) {
			logger.warn("No access handler for the resources of " + String.join(", ", unguarded)
					+ ": on the in-process bus clients get system.notFound for them. Add a @ResAccess method "
					+ "(returning Access.granted() to let everyone read) to these components or to a "
					+ "@ResResource whose pattern covers them.");
		}
	}
}
