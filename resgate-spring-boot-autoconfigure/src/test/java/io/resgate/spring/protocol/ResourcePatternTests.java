package io.resgate.spring.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResourcePatternTests {

	@ParameterizedTest
	@CsvSource({ "userService.users, userService.users, true", "userService.users, userService.user, false",
			"userService.user.*, userService.user.42, true", "userService.user.*, userService.user.42.roles, false",
			"userService.user.*, userService.user, false", "userService.user.*.roles, userService.user.42.roles, true",
			"userService.user.*.roles, userService.user.42.name, false", "messageService.>, messageService.a, true",
			"messageService.>, messageService.a.b.c, true", "messageService.>, messageService, false",
			"messageService.>, other.a, false", ">, anything.at.all, true", "*, single, true", "*, two.parts, false",
			"*.*, two.parts, true", "a.*.>, a.b.c, true", "a.*.>, a.b, false" })
	void matches(String pattern, String name, boolean expected) {
		assertThat(ResourcePattern.of(pattern).matches(name)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".a", "a.", "a..b", "a.>.b", "a.b>", "a.*b", "a b", "a.b?q" })
	void rejectsInvalidPatterns(String pattern) {
		assertThat(ResourcePattern.isValid(pattern)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> ResourcePattern.of(pattern));
	}
}
