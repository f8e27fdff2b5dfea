package io.resgate.spring.gateway.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** {@code {"name": <principal name>, "authorities": [<authority>, ...]}}. */
final class DefaultResTokenMapper implements ResTokenMapper {

	@Override
	public Object toToken(Authentication authentication) {
		List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
			.filter(Objects::nonNull).toList();
		Map<String, Object> token = new LinkedHashMap<>();
		token.put("name", authentication.getName());
		token.put("authorities", authorities);
		return token;
	}
}
