package io.resgate.spring.autoconfigure;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code resgate.nats.url} holds at least one non-blank server URL.
 */
class OnNatsUrlCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return hasUrl(context);
	}

	static boolean hasUrl(ConditionContext context) {
		return Binder.get(context.getEnvironment())
			.bind("resgate.nats.url", Bindable.listOf(String.class))
			.map(urls -> urls.stream().anyMatch(u -> u != null && !u.isBlank()))
			.orElse(false);
	}

	/** The negation: no NATS URL is configured. */
	static class Missing implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !hasUrl(context);
		}
	}
}
