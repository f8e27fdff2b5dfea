package io.resgate.spring.sample.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.resgate.spring.test.NatsServerExtension;
import io.resgate.spring.test.NodeScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sample page in a real browser, served by the sample app running as a gateway only
 * ({@code resgate.service.enabled=false}) on a real nats-server, with the resources coming from services
 * written the way Resgate's examples are: plain NATS handlers under Node
 * ({@code resgate-spring-boot-autoconfigure/src/test/node/example-services.mjs}), not the sample's beans.
 * Hello world and the book collection of the page work the same against them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "resgate.service.enabled=false", "sample.resclient-url=/resclient.min.js" })
@DirtiesContext // its nats-server stops with the class
class SamplePageOnNodeServicesBrowserTests {

	static final Path SERVICES_DIR = Path.of("..", "resgate-spring-boot-autoconfigure", "src", "test", "node");

	static final Duration DEADLINE = Duration.ofSeconds(15);

	@RegisterExtension
	static final NatsServerExtension nats = new NatsServerExtension();

	static NodeScript services;

	@LocalServerPort
	int port;

	@TempDir
	Path userDataDir;

	Browser browser;

	@RegisterExtension
	final ScreenshotsOnFailure screenshots = new ScreenshotsOnFailure(() -> browser);

	@DynamicPropertySource
	static void gatewayOnNats(DynamicPropertyRegistry registry) {
		Path dist = SamplePageBrowserTests.RESCLIENT_DIST.toAbsolutePath();
		if (!Files.isRegularFile(dist.resolve("resclient.min.js"))) {
			throw new IllegalStateException("ResClient is not installed in " + dist.getParent().getParent().getParent()
					+ ": run npm ci there (./scripts/test.sh does)");
		}
		registry.add("spring.web.resources.static-locations", () -> "classpath:/static/,file:" + dist + "/");
		registry.add("resgate.nats.url", nats::url);
	}

	@BeforeAll
	static void startNodeServices() throws Exception {
		services = NodeScript.start(SERVICES_DIR, List.of("nats"), "example-services.mjs", nats.url());
		services.awaitLine("ready"::equals, DEADLINE);
	}

	@AfterAll
	static void stopNodeServices() throws Exception {
		if (services != null) {
			services.close();
		}
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void helloAndBooksOfThePageWorkAgainstNodeServices() {
		browser = Browser.start(userDataDir);
		String url = "http://127.0.0.1:" + port + "/";
		browser.open("a", url);
		browser.open("b", url);
		for (String tab : List.of("a", "b")) {
			waitIn(tab).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "online"));
			waitIn(tab).until(ExpectedConditions.textToBe(By.id("hello-message"), "Hello, World!"));
			waitIn(tab).until(bookCard("Dune"));
		}

		String message = "Hello from tab a " + unique();
		WebDriver a = browser.in("a");
		a.findElement(By.id("hello-input")).sendKeys(message);
		a.findElement(By.id("hello-set")).click();
		waitIn("b").until(ExpectedConditions.textToBe(By.id("hello-message"), message));

		String title = "Book " + unique();
		addBook("a", title, "Tab A");
		WebElement card = waitIn("b").until(bookCard(title));
		String rid = card.getAttribute("data-rid");

		WebElement own = waitIn("a").until(ExpectedConditions.presenceOfElementLocated(cardOf(rid)));
		own.findElement(By.className("edit")).click();
		WebElement titleInput = own.findElement(By.className("edit-title"));
		titleInput.clear();
		titleInput.sendKeys(title + " (edited)");
		own.findElement(By.className("save")).click();
		waitIn("b").until(ExpectedConditions.textToBePresentInElementLocated(
				new By.ByCssSelector("[data-rid='" + rid + "'] .title"), title + " (edited)"));

		browser.in("a").findElement(cardOf(rid)).findElement(By.className("delete")).click();
		waitIn("b").until(ExpectedConditions.numberOfElementsToBe(cardOf(rid), 0));

		addBook("a", "No author " + unique(), "");
		waitIn("a").until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
				"author must not be empty (system.invalidParams)"));
	}

	private void addBook(String tab, String title, String author) {
		WebDriver driver = browser.in(tab);
		driver.findElement(By.id("new-title")).sendKeys(title);
		driver.findElement(By.id("new-author")).sendKeys(author);
		driver.findElement(By.id("add-book")).click();
	}

	private WebDriverWait waitIn(String tab) {
		WebDriverWait wait = new WebDriverWait(browser.in(tab), DEADLINE);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private static By cardOf(String rid) {
		return By.cssSelector("#books li[data-rid='" + rid + "']");
	}

	private static ExpectedCondition<WebElement> bookCard(String title) {
		return driver -> driver.findElements(By.cssSelector("#books li"))
			.stream()
			.filter(li -> li.findElement(By.className("title")).getText().equals(title))
			.findFirst()
			.orElse(null);
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
