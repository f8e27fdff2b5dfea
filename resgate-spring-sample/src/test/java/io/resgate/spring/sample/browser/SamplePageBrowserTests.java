package io.resgate.spring.sample.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import static io.resgate.spring.sample.browser.SamplePage.bookCard;
import static io.resgate.spring.sample.browser.SamplePage.cardOf;
import static io.resgate.spring.sample.browser.SamplePage.unique;

/**
 * The sample page in a real browser (headless Chromium) with the real ResClient, against the sample app
 * on the in-process bus: two tabs, each with its own WebSocket connection to the gateway, see each
 * other's changes. ResClient is served from the local npm install in {@code src/test/node} instead of the
 * CDN the page uses by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SamplePageBrowserTests {

	static final Duration DEADLINE = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@TempDir
	Path userDataDir;

	Browser browser;

	@RegisterExtension
	final ScreenshotsOnFailure screenshots = new ScreenshotsOnFailure(() -> browser);

	@DynamicPropertySource
	static void serveResClientLocally(DynamicPropertyRegistry registry) {
		SamplePage.serveResClientLocally(registry);
	}

	@BeforeEach
	void openTwoTabs() {
		browser = Browser.start(userDataDir);
		String url = "http://127.0.0.1:" + port + "/";
		browser.open("a", url);
		browser.open("b", url);
		for (String tab : List.of("a", "b")) {
			waitIn(tab).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "online"));
		}
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void anEditInOneTabShowsInTheOther() {
		String message = "Hello from tab a " + unique();
		WebDriver a = browser.in("a");
		a.findElement(By.id("hello-input")).sendKeys(message);
		a.findElement(By.id("hello-set")).click();
		waitIn("b").until(ExpectedConditions.textToBe(By.id("hello-message"), message));

		String title = "Book " + unique();
		addBook("a", title, "Tab A");
		WebElement card = waitIn("b").until(bookCard(title));
		String rid = card.getAttribute("data-rid");

		a = browser.in("a");
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
	}

	@Test
	void invalidParamsShowTheServiceError() {
		WebDriver a = browser.in("a");
		a.findElement(By.id("new-title")).sendKeys("No author " + unique());
		a.findElement(By.id("add-book")).click();
		waitIn("a").until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
				"Must provide both title and author"));
	}

	@Test
	void loginChangesWhatIsVisible() {
		for (String tab : List.of("a", "b")) {
			waitIn(tab).until(ExpectedConditions.visibilityOfElementLocated(By.id("ticker-locked")));
		}
		logIn("a", "jane", "jane");
		waitIn("a").until(ExpectedConditions.textToBe(By.id("account-name"), "Jane Doe"));
		waitIn("a").until(ExpectedConditions.visibilityOfElementLocated(By.id("ticker")));
		String seconds = browser.in("a").findElement(By.id("ticker-seconds")).getText();
		waitIn("a").until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("ticker-seconds"), seconds)));
		waitIn("a").until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("ticker-time"), "none yet")));

		WebDriver b = browser.in("b");
		if (b.findElement(By.id("ticker")).isDisplayed() || !b.findElement(By.id("login-form")).isDisplayed()) {
			throw new AssertionError("Tab b is not logged in and must not see the ticker");
		}

		browser.in("a").findElement(By.id("logout-button")).click();
		waitIn("a").until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
		waitIn("a").until(ExpectedConditions.visibilityOfElementLocated(By.id("ticker-locked")));
	}

	@Test
	void wrongPasswordIsRejected() {
		logIn("a", "jane", "wrong");
		waitIn("a").until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"),
				"Wrong username or password"));
	}

	@Test
	void revokingSessionsLogsOutEveryTab() {
		logIn("a", "john", "john");
		waitIn("a").until(ExpectedConditions.textToBe(By.id("account-name"), "John Doe"));
		logIn("b", "john", "john");
		waitIn("b").until(ExpectedConditions.textToBe(By.id("account-name"), "John Doe"));
		waitIn("a").until(ExpectedConditions.textToBe(By.id("account-sessions"), "2"));

		browser.in("a").findElement(By.id("revoke-button")).click();
		for (String tab : List.of("a", "b")) {
			waitIn(tab).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
			waitIn(tab).until(ExpectedConditions.visibilityOfElementLocated(By.id("ticker-locked")));
		}
	}

	@Test
	void searchResultsUpdateWhenAMatchingBookIsAdded() {
		String author = "Author " + unique();
		WebDriver b = browser.in("b");
		b.findElement(By.id("search-input")).sendKeys(author);
		By results = By.cssSelector("#search-results li");
		waitIn("b").until(ExpectedConditions.attributeToBe(By.id("search-results"), "data-query", author));
		waitIn("b").until(ExpectedConditions.numberOfElementsToBe(results, 0));

		String title = "Match " + unique();
		addBook("a", title, author);
		waitIn("b").until(ExpectedConditions.textToBePresentInElementLocated(results, title + " — " + author));

		WebElement card = waitIn("a").until(bookCard(title));
		card.findElement(By.className("edit")).click();
		WebElement authorInput = card.findElement(By.className("edit-author"));
		authorInput.clear();
		authorInput.sendKeys("Somebody else");
		card.findElement(By.className("save")).click();
		waitIn("b").until(ExpectedConditions.numberOfElementsToBe(results, 0));
	}

	private void addBook(String tab, String title, String author) {
		SamplePage.addBook(browser.in(tab), title, author);
	}

	private void logIn(String tab, String user, String password) {
		WebDriver driver = browser.in(tab);
		driver.findElement(By.id("login-username")).sendKeys(user);
		driver.findElement(By.id("login-password")).sendKeys(password);
		driver.findElement(By.id("login-button")).click();
	}

	private WebDriverWait waitIn(String tab) {
		return browser.waitIn(tab, DEADLINE);
	}
}
