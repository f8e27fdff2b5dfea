package io.resgate.spring.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/getting-started.md} shows the project in {@code examples/getting-started} exactly: every code
 * block captioned with a file name (a line {@code **`src/main/...`**} right before it) is that file of the
 * project, and every file of the project is on the page. The root build compiles and tests the project, so
 * what the page shows builds and passes its test; {@code scripts/getting-started.sh} (run by
 * {@code scripts/test.sh}) also builds a project made from the page alone, with the starter installed by the
 * page's command.
 */
class GettingStartedPageTests {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Path PAGE = ROOT.resolve("docs/getting-started.md");

	static final Path PROJECT = ROOT.resolve("examples/getting-started");

	/** A caption line, a blank line, then a fenced block: the caption names the file the block shows. */
	static final Pattern CAPTIONED_BLOCK = Pattern
		.compile("^\\*\\*`([^`]+)`\\*\\*\\n\\n```[a-z]*\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

	/** What the project holds that is not shown on the page: its own note, and build output. */
	static final Set<String> NOT_ON_THE_PAGE = Set.of("README.md");

	@Test
	void everyCaptionedBlockIsTheProjectsFile() throws IOException {
		Map<String, String> blocks = captionedBlocks();
		assertThat(blocks).isNotEmpty();
		for (Map.Entry<String, String> block : blocks.entrySet()) {
			Path file = PROJECT.resolve(block.getKey());
			assertThat(file).as("file shown on the page").isRegularFile();
			assertThat(block.getValue()).as("%s on the page", block.getKey()).isEqualTo(Files.readString(file));
		}
	}

	@Test
	void everyFileOfTheProjectIsOnThePage() throws IOException {
		assertThat(captionedBlocks().keySet()).containsExactlyInAnyOrderElementsOf(projectFiles());
	}

	@Test
	void thePageCoversTheWholePath() throws IOException {
		assertThat(captionedBlocks()).containsKeys("pom.xml", "build.gradle", "settings.gradle",
				"src/main/resources/application.yml", "src/main/resources/static/index.html");
		String page = Files.readString(PAGE);
		assertThat(page).contains("./mvnw -q -DskipTests -pl resgate-spring-boot-starter -am install")
			.contains("@EnableScheduling")
			.contains("io.resgate.spring.protocol")
			.contains("@AutoConfigureResTestClient");
	}

	@Test
	void theProjectUsesTheStarterOfThisBuild() throws IOException {
		String version = projectVersion(Files.readString(ROOT.resolve("pom.xml")));
		String dependency = "<artifactId>resgate-spring-boot-starter</artifactId>\n      <version>" + version + "</version>";
		assertThat(Files.readString(PROJECT.resolve("pom.xml"))).contains(dependency);
		assertThat(Files.readString(PROJECT.resolve("build.gradle")))
			.contains("'io.resgate.spring:resgate-spring-boot-starter:" + version + "'");
		assertThat(Files.readString(PAGE)).contains("resgate-spring-boot-starter:" + version);
	}

	@Test
	void theStandaloneCheckInstallsTheStarterAsThePageSays() throws IOException {
		Matcher install = Pattern.compile("^\\./mvnw .*-pl resgate-spring-boot-starter .*install$", Pattern.MULTILINE)
			.matcher(Files.readString(PAGE));
		assertThat(install.find()).as("the install command on the page").isTrue();
		assertThat(Files.readString(ROOT.resolve("scripts/getting-started.sh"))).contains(install.group());
		assertThat(Files.readString(ROOT.resolve("scripts/test.sh"))).contains("./scripts/getting-started.sh");
	}

	private static Map<String, String> captionedBlocks() throws IOException {
		Map<String, String> blocks = new LinkedHashMap<>();
		Matcher m = CAPTIONED_BLOCK.matcher(Files.readString(PAGE));
		while (m.find()) {
			String previous = blocks.put(m.group(1), m.group(2));
			assertThat(previous).as("%s shown twice", m.group(1)).isNull();
		}
		return blocks;
	}

	private static Set<String> projectFiles() throws IOException {
		Set<String> files = new TreeSet<>();
		try (Stream<Path> walk = Files.walk(PROJECT)) {
			List<Path> regular = walk.filter(Files::isRegularFile).toList();
			for (Path p : regular) {
				String relative = PROJECT.relativize(p).toString().replace('\\', '/');
				String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
				if (!Set.of("target", "build", ".gradle").contains(top) && !NOT_ON_THE_PAGE.contains(relative)) {
					files.add(relative);
				}
			}
		}
		return files;
	}

	/** The version of the root POM's project (the first version after its artifactId). */
	private static String projectVersion(String pom) {
		Matcher m = Pattern.compile("<artifactId>resgate-spring-boot-parent</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(pom);
		assertThat(m.find()).as("project version in the root pom.xml").isTrue();
		return m.group(1);
	}
}
