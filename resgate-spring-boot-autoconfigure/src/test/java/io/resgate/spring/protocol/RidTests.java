package io.resgate.spring.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RidTests {

	@ParameterizedTest
	@ValueSource(strings = { "example.users", "example.user.42", "example.user.42.roles", "chat.messages?start=0&limit=25",
			"example.users?q=Jane", "test", "test.$id", "a-b_c.D9", "authService.user.{cid}", "test.model?",
			"test.model?q=a b*>?x" })
	void acceptsValidResourceIds(String rid) {
		assertThat(Rid.isValid(rid)).isTrue();
		assertThat(Rid.parse(rid).toString()).isEqualTo(rid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".test", "test.", "test..model", "test.*", "test.>", "test.mo del", "te\tst", "?q=1",
			"test.?q", "tést.model", "test.model\u007f", ".", "test.>.x" })
	void rejectsInvalidResourceIds(String rid) {
		assertThat(Rid.isValid(rid)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> Rid.parse(rid));
	}

	@Test
	void splitsNameAndQuery() {
		Rid rid = Rid.parse("chat.messages?start=0&limit=25");
		assertThat(rid.name()).isEqualTo("chat.messages");
		assertThat(rid.query()).isEqualTo("start=0&limit=25");
		assertThat(rid.hasQuery()).isTrue();
		assertThat(rid.queryOrNull()).isEqualTo("start=0&limit=25");
	}

	@Test
	void onlyTheFirstQuestionMarkSeparates() {
		Rid rid = Rid.parse("a.b?x=?y");
		assertThat(rid.name()).isEqualTo("a.b");
		assertThat(rid.query()).isEqualTo("x=?y");
	}

	@Test
	void noQueryAndEmptyQueryAreNotQueries() {
		assertThat(Rid.parse("a.b").query()).isNull();
		assertThat(Rid.parse("a.b").hasQuery()).isFalse();
		assertThat(Rid.parse("a.b?").hasQuery()).isFalse();
		assertThat(Rid.parse("a.b?").queryOrNull()).isNull();
	}

	@Test
	void resourceNamesAreCaseSensitive() {
		assertThat(Rid.parse("Example.Model")).isNotEqualTo(Rid.parse("example.model"));
	}

	@Test
	void replacesConnectionIdTag() {
		Rid rid = Rid.parse("authService.user.{cid}");
		assertThat(rid.hasCidTag()).isTrue();
		assertThat(rid.withCid("abc123").toString()).isEqualTo("authService.user.abc123");
		assertThat(Rid.parse("a.{cid}.b?x={cid}").withCid("c1").toString()).isEqualTo("a.c1.b?x=c1");
		Rid plain = Rid.parse("a.b");
		assertThat(plain.withCid("c1")).isSameAs(plain);
	}
}
