package io.resgate.spring.sample.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample page in a real browser (headless Chromium) with the real ResClient, against the sample app
 * on the in-process bus: two tabs, each with its own WebSocket connection to the gateway, see each
 * other's changes, lit up for a moment, and the events in the page's event log. ResClient is served from the
 * local npm install in {@code src/test/node} instead of the CDN the page uses by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SamplePageBrowserTests {

	static final Duration DEADLINE = Duration.ofSeconds(15);

	/** A time of day as people read it: {@code 21:48:26}. */
	static final Pattern HUMAN_TIME = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d$");

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
		logIn("a", "jane", "jane");
		waitIn("a").until(ExpectedConditions.textToBe(By.id("account-name"), "Jane Doe"));
		waitIn("a").until(ExpectedConditions.invisibilityOfElementLocated(By.id("login-form")));

		WebDriver b = browser.in("b");
		if (b.findElement(By.id("account-panel")).isDisplayed() || !b.findElement(By.id("login-form")).isDisplayed()) {
			throw new AssertionError("Tab b is not logged in and must not see the account");
		}

		browser.in("a").findElement(By.id("logout-button")).click();
		waitIn("a").until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
		waitIn("a").until(ExpectedConditions.invisibilityOfElementLocated(By.id("account-panel")));
	}

	@Test
	void theTickerTicksForEveryoneWithAHumanTime() {
		for (String tab : List.of("a", "b")) {
			waitIn(tab).until(ExpectedConditions.textMatches(By.id("ticker-time"), HUMAN_TIME));
			String seconds = browser.in(tab).findElement(By.id("ticker-seconds")).getText();
			waitIn(tab).until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("ticker-seconds"), seconds)));
			waitIn(tab).until(ExpectedConditions.textMatches(By.id("ticker-uptime"), Pattern.compile("^(\\d+ min )?\\d+ s$")));
		}
		// the raw ISO time with its milliseconds is only the tooltip
		assertThat(browser.in("a").findElement(By.id("ticker-time")).getAttribute("title"))
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
	}

	@Test
	void theEventLogShowsWhatArrivesOverTheWire() {
		String message = "Logged " + unique();
		WebDriver a = browser.in("a");
		a.findElement(By.id("hello-input")).sendKeys(message);
		a.findElement(By.id("hello-set")).click();
		By entry = By.xpath("//ol[@id='log']/li[@data-event='example.model.change'][contains(., '" + message + "')]");
		for (String tab : List.of("a", "b")) {
			WebElement logged = waitIn(tab).until(ExpectedConditions.visibilityOfElementLocated(entry));
			assertThat(logged.findElement(By.className("data")).getText()).isEqualTo("{\"values\":{\"message\":\"" + message + "\"}}");
		}

		// the ticker's events arrive too, hidden until asked for
		By tickerEntry = By.cssSelector("#log li[data-event='ticker.model.tick']");
		waitIn("b").until(ExpectedConditions.presenceOfElementLocated(tickerEntry));
		assertThat(browser.in("b").findElement(tickerEntry).isDisplayed()).isFalse();
		browser.in("b").findElement(By.id("log-ticker")).click();
		waitIn("b").until(ExpectedConditions.visibilityOfElementLocated(tickerEntry));
	}

	@Test
	void aValueChangedByAnEventLightsUpForAMoment() {
		String title = "Lit " + unique();
		addBook("a", title, "Unchanged author");
		String rid = waitIn("b").until(bookCard(title)).getAttribute("data-rid");
		recordHighlights("b");

		WebElement own = waitIn("a").until(ExpectedConditions.presenceOfElementLocated(cardOf(rid)));
		own.findElement(By.className("edit")).click();
		WebElement titleInput = own.findElement(By.className("edit-title"));
		titleInput.clear();
		titleInput.sendKeys(title + " (new title)");
		own.findElement(By.className("save")).click();

		waitIn("b").until(driver -> highlights(driver).contains(rid + " title"));
		assertThat(highlights(browser.in("b"))).doesNotContain(rid + " author");
		By titleOfCard = By.cssSelector("#books li[data-rid='" + rid + "'] .title");
		assertThat(browser.in("b").findElement(titleOfCard).getText()).isEqualTo(title + " (new title)");
		// and it goes out again
		waitIn("b").until(driver -> !driver.findElement(titleOfCard).getAttribute("class").contains("changed"));
	}

	@Test
	void searchPagingKnowsItsEnd() throws Exception {
		String author = "Pager " + unique();
		for (int i = 1; i <= 6; i++) {
			newBookOverHttp("Paged book " + i, author);
		}
		WebDriver a = browser.in("a");
		a.findElement(By.id("search-input")).sendKeys(author);
		By results = By.cssSelector("#search-results li[data-rid]");
		waitIn("a").until(ExpectedConditions.attributeToBe(By.id("search-results"), "data-query", author));
		waitIn("a").until(ExpectedConditions.textToBe(By.id("search-page"), "results 1–5"));
		assertThat(a.findElements(results)).hasSize(5);
		assertThat(a.findElement(By.id("search-prev")).isEnabled()).isFalse();
		assertThat(a.findElement(By.id("search-next")).isEnabled()).isTrue();

		a.findElement(By.id("search-next")).click();
		waitIn("a").until(ExpectedConditions.textToBe(By.id("search-page"), "results 6–6"));
		assertThat(a.findElements(results)).hasSize(1);
		assertThat(a.findElement(By.id("search-next")).isEnabled()).as("no page after the last").isFalse();
		assertThat(a.findElement(By.id("search-prev")).isEnabled()).isTrue();

		// a seventh match shows up on the last page as it is added
		newBookOverHttp("Paged book 7", author);
		waitIn("a").until(ExpectedConditions.textToBe(By.id("search-page"), "results 6–7"));
		assertThat(browser.in("a").findElement(By.id("search-next")).isEnabled()).isFalse();

		browser.in("a").findElement(By.id("search-prev")).click();
		waitIn("a").until(ExpectedConditions.textToBe(By.id("search-page"), "results 1–5"));
		assertThat(browser.in("a").findElement(By.id("search-next")).isEnabled()).isTrue();
	}

	@Test
	void theLayoutUsesTheWidthOfTheScreen() {
		WebDriver a = browser.in("a");
		Rectangle books = a.findElement(By.id("books-section")).getRect();
		Rectangle log = a.findElement(By.id("log-section")).getRect();
		Rectangle hello = a.findElement(By.id("hello-section")).getRect();
		Rectangle ticker = a.findElement(By.id("ticker-section")).getRect();
		int width = ((Number) ((JavascriptExecutor) a).executeScript("return document.documentElement.clientWidth")).intValue();
		assertThat(log.getX()).as("the event log is beside the resources").isGreaterThanOrEqualTo(books.getX() + books.getWidth());
		assertThat(log.getX() + log.getWidth()).as("up to the right edge").isGreaterThan(width - 40);
		assertThat(books.getWidth()).as("the books take most of the width").isGreaterThan(width / 2);
		assertThat(ticker.getY()).as("hello and ticker side by side").isEqualTo(hello.getY());
		assertThat(log.getHeight()).as("the log fills its column").isGreaterThan(500);
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
			waitIn(tab).until(ExpectedConditions.invisibilityOfElementLocated(By.id("account-panel")));
		}
	}

	@Test
	void searchResultsUpdateWhenAMatchingBookIsAdded() {
		String author = "Author " + unique();
		WebDriver b = browser.in("b");
		b.findElement(By.id("search-input")).sendKeys(author);
		By results = By.cssSelector("#search-results li[data-rid]");
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

	/**
	 * Starts recording, in a tab, which elements light up: {@code "<rid of the card> <class>"} or the
	 * element's id, in {@code window.highlights}.
	 */
	private void recordHighlights(String tab) {
		((JavascriptExecutor) browser.in(tab)).executeScript("""
				window.highlights = [];
				new MutationObserver(records => records.forEach(r => {
					const el = r.target;
					if (el.classList.contains('changed')) {
						const card = el.closest('[data-rid]');
						window.highlights.push(card && card !== el
							? card.dataset.rid + ' ' + el.className.replace('changed', '').trim()
							: (el.id || el.dataset.rid));
					}
				})).observe(document.body, { attributes: true, attributeFilter: ['class'], subtree: true });
				""");
	}

	@SuppressWarnings("unchecked")
	private static List<String> highlights(WebDriver driver) {
		return (List<String>) ((JavascriptExecutor) driver).executeScript("return window.highlights || [];");
	}

	private void newBookOverHttp(String title, String author) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/library/books/new"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"author\":\"" + author + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s", response.body()).isLessThan(300);
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
