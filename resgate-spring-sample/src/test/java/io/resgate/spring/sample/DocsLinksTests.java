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
 * Every relative link in README.md and docs/*.md points to a file that exists.
 */
class DocsLinksTests {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

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
