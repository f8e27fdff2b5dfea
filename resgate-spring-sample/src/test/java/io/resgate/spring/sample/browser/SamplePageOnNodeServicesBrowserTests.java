package io.resgate.spring.sample.browser;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.resgate.spring.test.NatsServerExtension;
import io.resgate.spring.test.NodeScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static io.resgate.spring.sample.browser.SamplePage.bookCard;
import static io.resgate.spring.sample.browser.SamplePage.cardOf;
import static io.resgate.spring.sample.browser.SamplePage.unique;

/**
 * The sample page in a real browser, served by the sample app running as a gateway only
 * ({@code resgate.service.enabled=false}) on a real nats-server, with the resources coming from services
 * written the way Resgate's examples are: plain NATS handlers under Node
 * ({@code resgate-spring-boot-autoconfigure/src/test/node/example-services.mjs}), not the sample's beans.
 * Hello world and the book collection of the page work the same against them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "resgate.service.enabled=false")
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
		SamplePage.serveResClientLocally(registry);
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
			waitIn(tab).until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("hello-message"), "")));
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

	/**
	 * A page like the clients of Resgate's examples (one static file with ResClient, served from another
	 * origin than the gateway's) and the sample page, side by side on the same Node services.
	 */
	@Test
	void examplePageOnAnotherOriginNextToTheSamplePage() throws Exception {
		HttpServer pages = examplePages();
		try {
			browser = Browser.start(userDataDir);
			browser.open("example", "http://127.0.0.1:" + pages.getAddress().getPort()
					+ "/book-collection.html?ws=ws://127.0.0.1:" + port + "/");
			browser.open("sample", "http://127.0.0.1:" + port + "/");
			waitIn("example").until(ExpectedConditions.textToBe(By.id("status"), "online"));
			waitIn("example").until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#books li[data-rid='library.book.3']")));
			waitIn("sample").until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "online"));

			String message = "From the example page " + unique();
			WebDriver example = browser.in("example");
			example.findElement(By.id("message-input")).sendKeys(message);
			example.findElement(By.id("message-set")).click();
			waitIn("sample").until(ExpectedConditions.textToBe(By.id("hello-message"), message));

			String title = "Added on the sample page " + unique();
			addBook("sample", title, "Sample");
			WebElement card = waitIn("sample").until(bookCard(title));
			String rid = card.getAttribute("data-rid");
			By exampleItem = By.cssSelector("#books li[data-rid='" + rid + "']");
			waitIn("example").until(ExpectedConditions.textToBePresentInElementLocated(exampleItem, title + " by Sample"));

			browser.in("example").findElement(exampleItem).findElement(By.className("delete")).click();
			waitIn("sample").until(ExpectedConditions.numberOfElementsToBe(cardOf(rid), 0));

			example = browser.in("example");
			example.findElement(By.id("title")).sendKeys("No author");
			example.findElement(By.id("add")).click();
			waitIn("example").until(ExpectedConditions.textToBe(By.id("error"),
					"system.invalidParams: author must not be empty"));
		}
		finally {
			pages.stop(0);
		}
	}

	/** Serves the example page and ResClient on a port of its own: another origin than the gateway's. */
	private static HttpServer examplePages() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			byte[] body = null;
			String type = "text/html; charset=utf-8";
			if (path.equals("/book-collection.html")) {
				try (InputStream in = SamplePageOnNodeServicesBrowserTests.class.getResourceAsStream("/example-pages/book-collection.html")) {
					body = in.readAllBytes();
				}
			}
			else if (path.equals("/resclient.min.js")) {
				body = Files.readAllBytes(SamplePage.RESCLIENT_DIST.resolve("resclient.min.js"));
				type = "text/javascript";
			}
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
			}
			else {
				exchange.getResponseHeaders().set("Content-Type", type);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		server.start();
		return server;
	}

	private void addBook(String tab, String title, String author) {
		SamplePage.addBook(browser.in(tab), title, author);
	}

	private WebDriverWait waitIn(String tab) {
		return browser.waitIn(tab, DEADLINE);
	}
}
