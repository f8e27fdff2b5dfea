package io.resgate.spring.sample.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (the system's {@code chromium}, driven by the system's {@code chromedriver}: both
 * paths are set, so Selenium Manager downloads nothing) with named tabs, each one its own page and so
 * its own WebSocket connection to the gateway.
 */
final class Browser implements AutoCloseable {

	static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("chromedriver.path", "/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Map<String, String> tabs = new LinkedHashMap<>();

	private Browser(ChromeDriver driver) {
		this.driver = driver;
	}

	/**
	 * Starts Chromium.
	 * @param userDataDir a fresh, empty profile directory
	 * @return the browser
	 */
	static Browser start(Path userDataDir) {
		requireExecutable(CHROMIUM, "chromium");
		requireExecutable(CHROMEDRIVER, "chromium-driver");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + userDataDir);
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver);
	}

	private static void requireExecutable(String path, String debianPackage) {
		if (!new File(path).canExecute()) {
			throw new IllegalStateException(path + " not found: install the Debian package " + debianPackage
					+ " (./scripts/test.sh does)");
		}
	}

	/**
	 * Opens a URL in a new tab (the first one in the browser's initial tab) and switches to it.
	 * @param name the tab's name
	 * @param url the URL
	 */
	void open(String name, String url) {
		if (!tabs.isEmpty()) {
			driver.switchTo().newWindow(WindowType.TAB);
		}
		tabs.put(name, driver.getWindowHandle());
		driver.get(url);
	}

	/**
	 * Switches to a tab.
	 * @param name the tab's name
	 * @return the driver, now on that tab
	 */
	WebDriver in(String name) {
		String handle = tabs.get(name);
		if (handle == null) {
			throw new IllegalArgumentException("No tab " + name);
		}
		return driver.switchTo().window(handle);
	}

	/**
	 * Saves a screenshot of every tab.
	 * @param dir the directory
	 * @param prefix the file name prefix
	 */
	void screenshots(Path dir, String prefix) throws IOException {
		Files.createDirectories(dir);
		for (String name : tabs.keySet()) {
			byte[] png = ((ChromeDriver) in(name)).getScreenshotAs(OutputType.BYTES);
			Files.write(dir.resolve(prefix + "-" + name + ".png"), png);
		}
	}

	/**
	 * A wait on one tab that ignores elements replaced while it polls.
	 * @param name the tab
	 * @param deadline how long to wait at most
	 * @return the wait
	 */
	WebDriverWait waitIn(String name, Duration deadline) {
		WebDriverWait wait = new WebDriverWait(in(name), deadline);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	@Override
	public void close() {
		driver.quit();
	}
}
