package io.resgate.spring.sample.browser;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample page when ResClient cannot be loaded (offline, CDN blocked): it says so, and how to serve a
 * local copy, instead of a message that goes away and a dead page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.resclient-url=http://127.0.0.1:9/resclient.min.js")
class SamplePageWithoutResClientBrowserTests {

	static final Duration DEADLINE = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@TempDir
	Path userDataDir;

	Browser browser;

	@RegisterExtension
	final ScreenshotsOnFailure screenshots = new ScreenshotsOnFailure(() -> browser);

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void saysHowToServeResClientLocally() {
		browser = Browser.start(userDataDir);
		browser.open("a", "http://127.0.0.1:" + port + "/");
		browser.waitIn("a", DEADLINE).until(ExpectedConditions.textToBe(By.id("status"), "not started"));
		String error = browser.in("a").findElement(By.id("error")).getText();
		assertThat(error).contains("Cannot load ResClient from http://127.0.0.1:9/resclient.min.js")
			.contains("--sample.resclient-url=file:");
	}
}
