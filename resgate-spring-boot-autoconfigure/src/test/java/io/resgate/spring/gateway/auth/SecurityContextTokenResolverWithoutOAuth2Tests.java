package io.resgate.spring.gateway.auth;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Security's OAuth2 library is optional: without it on the class path, the resolver still maps an
 * authentication to a token, with the session's ID as token ID. The library's classes are hidden from a
 * class loader that loads this project's classes itself.
 */
class SecurityContextTokenResolverWithoutOAuth2Tests {

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theSessionIdIsTheTokenIdWithoutTheOAuth2Library() throws Exception {
		try (WithoutOAuth2 loader = new WithoutOAuth2()) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("org.springframework.security.oauth2.core.AbstractOAuth2Token"));
			Class<?> mapperType = loader.loadClass(ResTokenMapper.class.getName());
			Class<?> codecType = loader.loadClass("io.resgate.spring.protocol.ResCodec");
			Object resolver = loader.loadClass(SecurityContextTokenResolver.class.getName())
				.getConstructor(mapperType, codecType)
				.newInstance(mapperType.getMethod("nameAndAuthorities").invoke(null),
						codecType.getConstructor().newInstance());
			assertThat(resolver.getClass().getClassLoader()).isSameAs(loader);

			SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
				.authenticated("jane", null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			String sessionId = request.getSession(true).getId();
			Object token = resolver.getClass().getMethod("resolve", jakarta.servlet.http.HttpServletRequest.class)
				.invoke(resolver, request);

			assertThat(token.getClass().getMethod("tid").invoke(token)).isEqualTo(sessionId);
			assertThat(token.getClass().getMethod("expiresAt").invoke(token)).isNull();
			assertThat(token.getClass().getMethod("token").invoke(token).toString()).contains("\"name\":\"jane\"");
		}
	}

	/** Loads this project's classes itself, and hides Spring Security's OAuth2 classes. */
	private static final class WithoutOAuth2 extends URLClassLoader {

		WithoutOAuth2() {
			super(new URL[] { SecurityContextTokenResolver.class.getProtectionDomain().getCodeSource().getLocation() },
					SecurityContextTokenResolverWithoutOAuth2Tests.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("org.springframework.security.oauth2.")) {
				throw new ClassNotFoundException(name);
			}
			if (name.startsWith("io.resgate.spring.")) {
				synchronized (getClassLoadingLock(name)) {
					Class<?> c = findLoadedClass(name);
					if (c == null) {
						c = findClass(name);
					}
					if (resolve) {
						resolveClass(c);
					}
					return c;
				}
			}
			return super.loadClass(name, resolve);
		}
	}
}
