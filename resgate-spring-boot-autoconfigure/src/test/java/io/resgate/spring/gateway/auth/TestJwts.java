package io.resgate.spring.gateway.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * JWTs signed with an RSA key made here (no network, no key file): the issuer's key, which the
 * decoder trusts, and another one, for forged tokens.
 */
final class TestJwts {

	private final KeyPair issuer = rsa();

	private final KeyPair forger = rsa();

	/**
	 * A decoder that trusts the issuer's key and takes no clock skew: a token is expired from its
	 * {@code exp} on, as for the gateway.
	 * @return the decoder
	 */
	JwtDecoder decoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) issuer.getPublic()).build();
		decoder.setJwtValidator(new JwtTimestampValidator(Duration.ZERO));
		return decoder;
	}

	/**
	 * A token of the issuer.
	 * @param subject the user
	 * @param jti the token ID
	 * @param expiresAt the expiry
	 * @return the encoded token
	 */
	String token(String subject, String jti, Instant expiresAt) {
		return sign(issuer, subject, jti, expiresAt);
	}

	/**
	 * A token signed with another key than the issuer's.
	 * @param subject the user
	 * @param jti the token ID
	 * @param expiresAt the expiry
	 * @return the encoded token
	 */
	String forged(String subject, String jti, Instant expiresAt) {
		return sign(forger, subject, jti, expiresAt);
	}

	private static String sign(KeyPair key, String subject, String jti, Instant expiresAt) {
		Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minusSeconds(60) : Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(subject)
			.id(jti)
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.claim("scope", "account:read")
			.build();
		return NimbusJwtEncoder.withKeyPair((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate())
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
			g.initialize(2048);
			return g.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
