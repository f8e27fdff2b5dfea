package io.resgate.spring.sample.page;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Where the sample page gets ResClient, from the one property {@code sample.resclient-url}:
 * <ul>
 * <li>a URL the browser loads itself ({@code https://...}, {@code http://...}, {@code //...} or a path on
 * this server such as {@code /js/resclient.min.js}), by default the public CDN's;</li>
 * <li>or a local copy, {@code file:...} or {@code classpath:...}, which the sample serves at
 * {@value #LOCAL_PATH} (for a machine without internet access).</li>
 * </ul>
 *
 * @param browserUrl the URL the page loads ResClient from
 * @param localCopy the local copy the sample serves, or {@code null} when the browser loads a URL
 */
public record ResClientSource(String browserUrl, Resource localCopy) {

	/** Where a local copy is served, relative to the page. */
	public static final String LOCAL_PATH = "sample/resclient.min.js";

	/**
	 * Reads the property.
	 * @param property the value of {@code sample.resclient-url}
	 * @param loader resolves {@code file:} and {@code classpath:} locations
	 * @return the source
	 * @throws IllegalStateException if the property names a local copy that does not exist
	 */
	public static ResClientSource of(String property, ResourceLoader loader) {
		String value = property.trim();
		if (!value.startsWith("file:") && !value.startsWith("classpath:")) {
			return new ResClientSource(value, null);
		}
		Resource copy = loader.getResource(value);
		if (!copy.isReadable()) {
			throw new IllegalStateException("sample.resclient-url=" + value + " names a local copy of ResClient that"
					+ " cannot be read. Get one with: npm ci --prefix resgate-spring-sample/src/test/node"
					+ " (then file:resgate-spring-sample/src/test/node/node_modules/resclient/dist/resclient.min.js)");
		}
		return new ResClientSource(LOCAL_PATH, copy);
	}
}
