package io.resgate.spring.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectsTests {

	@Test
	void buildsServiceSubjects() {
		assertThat(Subjects.get("test.model")).isEqualTo("get.test.model");
		assertThat(Subjects.access("test.model")).isEqualTo("access.test.model");
		assertThat(Subjects.call("test.model", "set")).isEqualTo("call.test.model.set");
		assertThat(Subjects.auth("auth", "login")).isEqualTo("auth.auth.login");
		assertThat(Subjects.event("test.model", "change")).isEqualTo("event.test.model.change");
		assertThat(Subjects.events("test.model")).isEqualTo("event.test.model.>");
		assertThat(Subjects.connToken("c1")).isEqualTo("conn.c1.token");
		assertThat(Subjects.SYSTEM_RESET).isEqualTo("system.reset");
		assertThat(Subjects.SYSTEM_TOKEN_RESET).isEqualTo("system.tokenReset");
	}

	@Test
	void methodNames() {
		assertThat(Subjects.isValidMethod("set")).isTrue();
		assertThat(Subjects.isValidMethod("do-it_2")).isTrue();
		assertThat(Subjects.isValidMethod("")).isFalse();
		assertThat(Subjects.isValidMethod("a.b")).isFalse();
		assertThat(Subjects.isValidMethod("a b")).isFalse();
		assertThat(Subjects.isValidMethod("*")).isFalse();
		assertThat(Subjects.isValidMethod(">")).isFalse();
	}

	@Test
	void subjectLength() {
		assertThat(Subjects.isTooLong("a".repeat(Subjects.MAX_SUBJECT_LENGTH))).isFalse();
		assertThat(Subjects.isTooLong("a".repeat(Subjects.MAX_SUBJECT_LENGTH + 1))).isTrue();
	}
}
