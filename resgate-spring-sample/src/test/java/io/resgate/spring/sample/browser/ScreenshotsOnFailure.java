package io.resgate.spring.sample.browser;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;

/**
 * Saves screenshots of every tab to {@code target/browser-failures/} when a test or its
 * {@code @BeforeEach} fails (before {@code @AfterEach} closes the browser).
 */
final class ScreenshotsOnFailure implements AfterTestExecutionCallback, LifecycleMethodExecutionExceptionHandler {

	static final Path DIR = Path.of("target", "browser-failures");

	private final Supplier<Browser> browser;

	ScreenshotsOnFailure(Supplier<Browser> browser) {
		this.browser = browser;
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		context.getExecutionException().ifPresent(failure -> save(context, failure));
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		save(context, failure);
		throw failure;
	}

	private void save(ExtensionContext context, Throwable failure) {
		Browser current = browser.get();
		if (current == null) {
			return;
		}
		try {
			current.screenshots(DIR,
					context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
	}
}
