package io.resgate.spring.sample.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the browser tests know of the sample page: its book list and its add form.
 */
final class SamplePage {

	/** Where the npm install of the sample's browser tests puts ResClient. */
	static final Path RESCLIENT_DIST = Path.of("src", "test", "node", "node_modules", "resclient", "dist");

	private SamplePage() {
	}

	/**
	 * Points the page at the local npm install of ResClient ({@code sample.resclient-url=file:...}, which the
	 * sample then serves itself), so the page needs no CDN. Fails when ResClient is not installed.
	 */
	static void serveResClientLocally(DynamicPropertyRegistry registry) {
		Path script = RESCLIENT_DIST.toAbsolutePath().resolve("resclient.min.js");
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException("ResClient is not installed in " + RESCLIENT_DIST.toAbsolutePath().getParent().getParent().getParent()
					+ ": run npm ci there (./scripts/test.sh does)");
		}
		registry.add("sample.resclient-url", () -> script.toUri().toString());
	}

	/** Fills in and submits the page's new-book form. */
	static void addBook(WebDriver driver, String title, String author) {
		driver.findElement(By.id("new-title")).sendKeys(title);
		driver.findElement(By.id("new-author")).sendKeys(author);
		driver.findElement(By.id("add-book")).click();
	}

	/** The list item of a book by its resource ID. */
	static By cardOf(String rid) {
		return By.cssSelector("#books li[data-rid='" + rid + "']");
	}

	/** Waits for the list item of a book with the given title. */
	static ExpectedCondition<WebElement> bookCard(String title) {
		return driver -> driver.findElements(By.cssSelector("#books li"))
			.stream()
			.filter(li -> li.findElement(By.className("title")).getText().equals(title))
			.findFirst()
			.orElse(null);
	}

	/** A short random text, so that tests sharing an app don't see each other's data. */
	static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
