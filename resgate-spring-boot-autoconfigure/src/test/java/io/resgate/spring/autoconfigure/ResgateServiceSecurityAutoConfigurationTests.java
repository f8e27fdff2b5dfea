package io.resgate.spring.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.authority.AuthorityUtils;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.config.ResHandlerConfigurer;
import io.resgate.spring.service.security.ResAuthenticationConverter;
import io.resgate.spring.service.test.ResTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateServiceSecurityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResgateMessagingAutoConfiguration.class, ResgateServiceAutoConfiguration.class,
					ResgateServiceSecurityAutoConfiguration.class));

	@ResResource("secured")
	static class Secured {

		@ResCall
		@PreAuthorize("hasRole('ADMIN')")
		String purge() {
			return "purged";
		}

		@ResCall
		String delegate() {
			throw new AccessDeniedException("denied by a secured bean");
		}
	}

	/** A secured bean a handler calls. */
	public static class Ledger {

		@PreAuthorize("hasRole('ADMIN')")
		public String balance() {
			return "42";
		}
	}

	@ResResource("books")
	public static class Books {

		private final Ledger ledger;

		public Books(Ledger ledger) {
			this.ledger = ledger;
		}

		@ResCall
		@PreAuthorize("isAuthenticated()")
		public String balance() {
			return ledger.balance();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	@Import({ Ledger.class, Books.class })
	static class MethodSecurityConfig {
	}

	private static ResTestClient client(ApplicationContext ctx) {
		return new ResTestClient(ctx.getBean(Messaging.class), ctx.getBean(ResCodec.class));
	}

	@Test
	void preAuthorizeOnCallHandlersWithSpringSecurity() {
		runner.withBean(Secured.class).run(ctx -> {
			assertThat(ctx).hasSingleBean(ResAuthenticationConverter.class)
				.hasBean("resgateServiceSecurityConfigurer");
			assertThat(ctx.getBeansOfType(ResHandlerConfigurer.class)).hasSize(1);
			ResTestClient c = client(ctx);
			c.call("secured", "purge", null, Map.of("name", "root", "authorities", List.of("ROLE_ADMIN")))
				.assertResult("purged");
			c.call("secured", "purge", null, Map.of("name", "jane", "authorities", List.of("ROLE_USER")))
				.assertError("system.accessDenied");
			// Spring Security's denial elsewhere in a handler
			c.call("secured", "delegate", null).assertError("system.accessDenied");
		});
	}

	@Test
	void applicationMethodSecuritySeesTheTokensAuthentication() {
		runner.withUserConfiguration(MethodSecurityConfig.class).run(ctx -> {
			ResTestClient c = client(ctx);
			c.call("books", "balance", null, Map.of("name", "root", "authorities", List.of("ROLE_ADMIN")))
				.assertResult("42");
			// the handler's own check passes, the ledger's (Spring's method security proxy) denies
			c.call("books", "balance", null, Map.of("name", "jane", "authorities", List.of("ROLE_USER")))
				.assertError("system.accessDenied");
			c.call("books", "balance", null).assertError("system.accessDenied");
		});
	}

	@Test
	void aConverterBeanReplacesTheDefault() {
		runner.withBean(Secured.class)
			.withBean(ResAuthenticationConverter.class, () -> token -> UsernamePasswordAuthenticationToken
				.authenticated(token.get("user").asString(), null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")))
			.run(ctx -> {
				assertThat(ctx).hasSingleBean(ResAuthenticationConverter.class)
					.doesNotHaveBean("resgateAuthenticationConverter");
				client(ctx).call("secured", "purge", null, Map.of("user", "root")).assertResult("purged");
			});
	}

	@Test
	void withoutSpringSecurityHandlersWorkAsBefore() {
		runner.withClassLoader(new FilteredClassLoader(AuthorizationManagerBeforeMethodInterceptor.class))
			.withBean(Secured.class)
			.run(ctx -> {
				assertThat(ctx).hasNotFailed()
					.doesNotHaveBean(ResAuthenticationConverter.class)
					.doesNotHaveBean(ResHandlerConfigurer.class)
					.doesNotHaveBean("resgateAccessDeniedExceptionHandler");
			});
	}

	@Test
	void notWithoutTheService() {
		runner.withPropertyValues("resgate.service.enabled=false").run(ctx -> assertThat(ctx).hasNotFailed()
			.doesNotHaveBean(ResAuthenticationConverter.class)
			.doesNotHaveBean(ResHandlerConfigurer.class));
	}
}
