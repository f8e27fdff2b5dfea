package io.resgate.spring.autoconfigure;

import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.auth.ResTokenMapper;
import io.resgate.spring.gateway.auth.ResTokens;
import io.resgate.spring.gateway.auth.SessionTokenReset;
import io.resgate.spring.gateway.auth.SecurityContextTokenResolver;
import io.resgate.spring.gateway.web.WebSocketHandshake;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
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
		web.run(ctx -> assertThat(ctx).hasSingleBean(ResTokenMapper.class).hasBean("resgateRefusalBodyFilter")
			.getBean(ConnectionTokenResolver.class).isInstanceOf(SecurityContextTokenResolver.class));
	}

	@Test
	void withoutSpringSecurityTheGatewayWorksAsBefore() {
		web.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.run(ctx -> assertThat(ctx).doesNotHaveBean(ConnectionTokenResolver.class)
				.doesNotHaveBean("resgateTokenMapper").doesNotHaveBean(ResTokens.class)
				.doesNotHaveBean(SessionTokenReset.class).doesNotHaveBean("resgateRefusalBodyFilter")
				.hasSingleBean(WebSocketHandshake.class));
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

	@Test
	void tokenResetsArePublishedForEndedSessionsAndThroughTheRevokeApi() {
		web.run(ctx -> {
			assertThat(ctx).hasSingleBean(SessionTokenReset.class);
			assertThat(ctx.getBean(ResTokens.class).subject()).isEqualTo("auth.resgate.tokenReset");
		});
	}

	@Test
	void theTokenResetSubjectIsAProperty() {
		web.withPropertyValues("resgate.security.token-reset-subject=auth.users.renew")
			.run(ctx -> assertThat(ctx.getBean(ResTokens.class).subject()).isEqualTo("auth.users.renew"));
	}

	@Test
	void anInvalidTokenResetSubjectFailsTheStart() {
		web.withPropertyValues("resgate.security.token-reset-subject=auth..x")
			.run(ctx -> assertThat(ctx).hasFailed());
	}

	@Test
	void sessionEndsPublishNothingWhenSwitchedOff() {
		web.withPropertyValues("resgate.security.reset-on-session-end=false")
			.run(ctx -> assertThat(ctx).hasSingleBean(ResTokens.class).doesNotHaveBean(SessionTokenReset.class));
	}

	@Test
	void theRevokeApiIsReplaceable() {
		web.withBean("myTokens", ResTokens.class,
				() -> new ResTokens(new io.resgate.spring.messaging.LocalMessaging(), new ResCodec(), "auth.mine.reset"))
			.run(ctx -> assertThat(ctx.getBean(ResTokens.class).subject()).isEqualTo("auth.mine.reset"));
	}

	@Test
	void withoutMessagingThereIsNoRevokeApi() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResgateGatewaySecurityAutoConfiguration.class))
			.withBean(ResCodec.class, ResCodec::new)
			.run(ctx -> assertThat(ctx).hasSingleBean(ConnectionTokenResolver.class)
				.doesNotHaveBean(Messaging.class).doesNotHaveBean(ResTokens.class));
	}
}
