package io.resgate.spring.sample.page;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the sample page where to load ResClient from and where the gateway's WebSocket is:
 * {@code GET /sample/config} answers {@code {"resclientUrl":"...","wsPath":"/"}}.
 */
@RestController
public class PageConfigController {

	private final String resclientUrl;

	private final String wsPath;

	public PageConfigController(@Value("${sample.resclient-url}") String resclientUrl,
			@Value("${resgate.ws-path:/}") String wsPath) {
		this.resclientUrl = resclientUrl;
		this.wsPath = wsPath;
	}

	/**
	 * The page's configuration.
	 * @return the configuration
	 */
	@GetMapping(path = "/sample/config", produces = "application/json")
	public Map<String, String> config() {
		return Map.of("resclientUrl", resclientUrl, "wsPath", wsPath);
	}
}
