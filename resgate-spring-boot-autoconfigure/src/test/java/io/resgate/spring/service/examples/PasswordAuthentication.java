package io.resgate.spring.service.examples;

import java.util.Map;
import java.util.Optional;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRequest;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.annotation.ResToken;
import io.resgate.spring.service.events.ResEvents;

/**
 * Resgate's password-authentication example: {@code passwd.login}/{@code passwd.logout} set the
 * connection token, and {@code ticker.model} is only readable with the token {@code {"foo":"bar"}}.
 */
public final class PasswordAuthentication {

	private PasswordAuthentication() {
	}

	/** The token the login sets. */
	public record FooToken(String foo) {
	}

	/** The login service. */
	@ResResource("passwd")
	public static final class Passwd {

		@ResAuth("login")
		void login(@ResParams Map<String, Object> params, ResRequest request) {
			if (!"secret".equals(params.get("password"))) {
				throw ResException.invalidParams("Invalid params: wrong password");
			}
			request.setToken(new FooToken("bar"));
		}

		@ResAuth("logout")
		void logout(ResRequest request) {
			request.setToken(null);
		}
	}

	/** A model counting seconds; {@link #tick()} is called by a timer in the real example. */
	@ResModel("ticker.model")
	public static final class Ticker {

		/** The model. */
		public record Seconds(int seconds) {
		}

		private final ResEvents events;

		private int seconds;

		public Ticker(ResEvents events) {
			this.events = events;
		}

		@ResAccess
		Access access(@ResToken Optional<FooToken> token) {
			return token.filter(t -> "bar".equals(t.foo())).map(t -> Access.readOnly()).orElse(Access.denied());
		}

		@ResGet
		synchronized Seconds get() {
			return new Seconds(seconds);
		}

		/** Advances the ticker by one second and sends the change event. */
		public synchronized void tick() {
			seconds++;
			events.change("ticker.model", Map.of("seconds", seconds));
		}
	}
}
