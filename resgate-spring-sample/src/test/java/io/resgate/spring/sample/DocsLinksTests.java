package io.resgate.spring.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md and docs/*.md points to a file that exists, and every test class the
 * comparison page cites as evidence exists.
 */
class DocsLinksTests {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	static final Pattern TEST_NAME = Pattern.compile("`((?:[a-z0-9]+/)*[A-Z][A-Za-z0-9]*(?:Tests|Test|Scenarios))`");

	@Test
	void relativeLinksResolve() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : pages()) {
			for (String target : links(page)) {
				if (isRelative(target) && !Files.exists(page.getParent().resolve(stripAnchor(target)))) {
					broken.add(ROOT.relativize(page) + " -> " + target);
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void comparisonNamesOnlyTestsThatExist() throws IOException {
		List<String> testFiles;
		try (Stream<Path> files = Files.walk(ROOT)) {
			testFiles = files.filter(p -> p.toString().replace('\\', '/').contains("/src/test/java/"))
				.filter(p -> p.toString().matches(".*(Tests|Test|Scenarios)\\.java"))
				.map(p -> p.toString().replace('\\', '/'))
				.toList();
		}
		List<String> missing = new ArrayList<>();
		Matcher m = TEST_NAME.matcher(Files.readString(ROOT.resolve("docs/comparison.md")));
		while (m.find()) {
			String suffix = "/" + m.group(1) + ".java";
			if (testFiles.stream().noneMatch(f -> f.endsWith(suffix))) {
				missing.add(m.group(1));
			}
		}
		assertThat(missing).isEmpty();
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private static List<String> links(Path page) throws IOException {
		List<String> links = new ArrayList<>();
		Matcher m = LINK.matcher(Files.readString(page));
		while (m.find()) {
			links.add(m.group(1));
		}
		return links;
	}

	private static boolean isRelative(String target) {
		return !target.contains("://") && !target.startsWith("#") && !target.startsWith("mailto:");
	}

	private static String stripAnchor(String target) {
		int hash = target.indexOf('#');
		return hash < 0 ? target : target.substring(0, hash);
	}
}
