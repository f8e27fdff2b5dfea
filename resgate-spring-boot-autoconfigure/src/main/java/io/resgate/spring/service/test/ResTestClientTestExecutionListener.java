package io.resgate.spring.service.test;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test method of a test class annotated with {@link AutoConfigureResTestClient}, makes its
 * {@link ResTestClient} forget the events published so far. Registered in {@code META-INF/spring.factories};
 * does nothing for other test classes.
 */
public class ResTestClientTestExecutionListener implements TestExecutionListener, Ordered {

	/** Runs after Spring's own listeners have injected the test instance. */
	static final int ORDER = 10_000;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureResTestClient.class)) {
			return;
		}
		testContext.getApplicationContext().getBeanProvider(ResTestClient.class).ifAvailable(ResTestClient::clearEvents);
	}
}
