package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.auth.ResTokenMapper;
import io.resgate.spring.gateway.auth.SecurityContextTokenResolver;
import io.resgate.spring.gateway.web.WebSocketHandshake;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateGatewaySecurityAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
				ResgateGatewaySecurityAutoConfiguration.class, ResgateGatewayAutoConfiguration.class))
		.withPropertyValues("resgate.service.enabled=false");

	@Test
	void withSpringSecurityTheAuthenticationIsTheToken() {
		web.run(ctx -> assertThat(ctx).hasSingleBean(ResTokenMapper.class)
			.getBean(ConnectionTokenResolver.class).isInstanceOf(SecurityContextTokenResolver.class));
	}

	@Test
	void withoutSpringSecurityTheGatewayWorksAsBefore() {
		web.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.run(ctx -> assertThat(ctx).doesNotHaveBean(ConnectionTokenResolver.class)
				.doesNotHaveBean("resgateTokenMapper").hasSingleBean(WebSocketHandshake.class));
	}

	@Test
	void theMapperAndTheResolverAreReplaceable() {
		ResTokenMapper mine = a -> "x";
		ConnectionTokenResolver resolver = r -> null;
		web.withBean("myMapper", ResTokenMapper.class, () -> mine)
			.withBean("myResolver", ConnectionTokenResolver.class, () -> resolver)
			.run(ctx -> {
				assertThat(ctx.getBean(ResTokenMapper.class)).isSameAs(mine);
				assertThat(ctx.getBean(ConnectionTokenResolver.class)).isSameAs(resolver);
			});
	}
}
