package io.resgate.spring.sample.page;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the sample page where to load ResClient from and where the gateway's WebSocket is:
 * {@code GET /sample/config} answers {@code {"resclientUrl":"...","wsPath":"/"}}. When
 * {@code sample.resclient-url} names a local copy ({@code file:} or {@code classpath:}), serves it at
 * {@code GET /sample/resclient.min.js}; see {@link ResClientSource}.
 */
@RestController
public class PageConfigController {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

	private final ResClientSource resclient;

	private final String wsPath;

	public PageConfigController(@Value("${sample.resclient-url}") String resclientUrl,
			@Value("${resgate.ws-path:/}") String wsPath, ResourceLoader resourceLoader) {
		this.resclient = ResClientSource.of(resclientUrl, resourceLoader);
		this.wsPath = wsPath;
	}

	/**
	 * The page's configuration.
	 * @return the configuration
	 */
	@GetMapping(path = "/sample/config", produces = "application/json")
	public Map<String, String> config() {
		return Map.of("resclientUrl", resclient.browserUrl(), "wsPath", wsPath);
	}

	/**
	 * The local copy of ResClient, when one is configured.
	 * @return the script, or 404
	 */
	@GetMapping("/" + ResClientSource.LOCAL_PATH)
	public ResponseEntity<Resource> localResClient() {
		Resource copy = resclient.localCopy();
		return copy == null ? ResponseEntity.notFound().build() : ResponseEntity.ok().contentType(JAVASCRIPT).body(copy);
	}
}
