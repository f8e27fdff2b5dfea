package io.resgate.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/configuration.md true: every property of the generated configuration metadata is
 * documented there, and the page names no property that does not exist.
 */
class ConfigurationDocsTests {

	@Test
	void everyPropertyIsDocumentedAndNoOtherIs() throws IOException {
		List<String> names = new ArrayList<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode meta = JsonMapper.builder().build().readTree(in);
			for (JsonNode p : meta.get("properties")) {
				names.add(p.get("name").asString());
			}
		}
		String docs = Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
		assertThat(names).isNotEmpty();
		for (String name : names) {
			assertThat(docs).as("docs/configuration.md documents " + name).contains("`" + name + "`");
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(resgate\\.[a-z0-9.-]+)`").matcher(docs);
		while (m.find()) {
			assertThat(names).as("property named in docs/configuration.md exists").contains(m.group(1));
		}
	}
}
