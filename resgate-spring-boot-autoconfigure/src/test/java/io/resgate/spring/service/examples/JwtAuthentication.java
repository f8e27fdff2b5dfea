package io.resgate.spring.service.examples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRequest;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResHeader;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.annotation.ResToken;
import io.resgate.spring.service.events.ResEvents;

/**
 * Resgate's JWT-authentication example: {@code auth.jwtHeader} reads the {@code access-token} cookie
 * (an HS256 JWT), verifies it and sets its claims as the token; {@code example.model} grants get and
 * {@code set} to tokens with {@code foo: "bar"}.
 */
public final class JwtAuthentication {

	static final String SECRET = "shhhhh";

	static final String COOKIE = "access-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JwtAuthentication() {
	}

	/**
	 * Signs claims as an HS256 JWT, as the example's /login page does.
	 * @param claims the claims
	 * @return the JWT
	 */
	public static String sign(Map<String, Object> claims) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String body = b64.encodeToString(JSON.writeValueAsBytes(claims));
		return head + "." + body + "." + b64.encodeToString(hmac(head + "." + body));
	}

	private static byte[] hmac(String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode verify(String jwt) {
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			return null;
		}
		try {
			byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
			if (!MessageDigest.isEqual(sig, hmac(parts[0] + "." + parts[1]))) {
				return null;
			}
			return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The auth service. */
	@ResResource("auth")
	public static final class AuthService {

		@ResAuth("jwtHeader")
		void jwtHeader(@ResHeader("Cookie") String cookie, ResRequest request) {
			String jwt = null;
			if (cookie != null) {
				for (String c : cookie.split(";")) {
					String[] kv = c.trim().split("=", 2);
					if (kv.length == 2 && kv[0].equals(COOKIE)) {
						jwt = kv[1];
					}
				}
			}
			if (jwt == null) {
				throw ResException.invalidParams("Invalid params: missing jwt token");
			}
			JsonNode claims = verify(jwt);
			if (claims == null) {
				throw ResException.invalidParams("Invalid params: invalid jwt token");
			}
			request.setToken(claims);
		}
	}

	/** The example model. */
	@ResModel("example.model")
	public static final class ExampleService {

		/** The model. */
		public record Message(String message) {
		}

		private final ResEvents events;

		private volatile Message model = new Message("Hello, secure World!");

		public ExampleService(ResEvents events) {
			this.events = events;
		}

		@ResAccess
		Access access(@ResToken JsonNode token) {
			boolean ok = token != null && "bar".equals(token.path("foo").asString(null));
			return ok ? Access.of(true, "set") : Access.denied();
		}

		@ResGet
		Message get() {
			return model;
		}

		@ResCall("set")
		void set(@ResParams Map<String, Object> p) {
			if (p.get("message") instanceof String m && !m.equals(model.message())) {
				model = new Message(m);
				events.change("example.model", Map.of("message", m));
			}
		}
	}
}
