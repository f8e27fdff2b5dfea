package io.resgate.spring.service.runtime;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandlerPatternTests {

	@Test
	void bindsPlaceholders() {
		HandlerPattern p = HandlerPattern.parse("library.book.$id");
		assertThat(p.placeholders()).containsExactly("id");
		assertThat(p.match("library.book.42".split("\\."))).isEqualTo(Map.of("id", "42"));
		assertThat(p.match("library.book".split("\\."))).isNull();
		assertThat(p.match("library.book.1.x".split("\\."))).isNull();
		assertThat(p.match("library.author.1".split("\\."))).isNull();
		assertThat(p.subjectPattern()).isEqualTo("library.book.*");
	}

	@Test
	void fullWildcardMatchesOneOrMoreParts() {
		HandlerPattern p = HandlerPattern.parse("library.>");
		assertThat(p.match(new String[] { "library" })).isNull();
		assertThat(p.match("library.a".split("\\."))).isEmpty();
		assertThat(p.match("library.a.b.c".split("\\."))).isEmpty();
		assertThat(p.subjectPattern()).isEqualTo("library.>");
		assertThat(HandlerPattern.parse("session.user.$cid.>").subjectPattern()).isEqualTo("session.user.*.>");
	}

	@Test
	void rejectsInvalidPatterns() {
		for (String bad : List.of("", "a..b", "a.>.b", "a.$", "a.$x.$x", "a.b?c", "a.b*", "a.$x y", ".a")) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> HandlerPattern.parse(bad));
		}
	}

	@Test
	void ordersLiteralBeforeWildcardBeforeTail() {
		HandlerPattern literal = HandlerPattern.parse("library.books");
		HandlerPattern placeholder = HandlerPattern.parse("library.$x");
		HandlerPattern tail = HandlerPattern.parse("library.>");
		assertThat(literal.compareSpecificity(placeholder)).isNegative();
		assertThat(placeholder.compareSpecificity(tail)).isNegative();
		assertThat(tail.compareSpecificity(literal)).isPositive();
		assertThat(placeholder.shape()).isEqualTo(HandlerPattern.parse("library.$y").shape());
	}

	@Test
	void subjectPatternsCoverEachOther() {
		assertThat(SubjectPatterns.covers("call.library.>", "call.library.book.*.*")).isTrue();
		assertThat(SubjectPatterns.covers("get.library.*", "get.library.books")).isTrue();
		assertThat(SubjectPatterns.covers("get.library.*", "get.library.>")).isFalse();
		assertThat(SubjectPatterns.covers("get.library.books", "get.library.*")).isFalse();
		assertThat(SubjectPatterns.minimal(List.of("get.a.*", "get.a.b", "get.a.*", "get.c")))
			.containsExactly("get.a.*", "get.c");
	}
}
