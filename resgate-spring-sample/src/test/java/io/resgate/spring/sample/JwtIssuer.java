package io.resgate.spring.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A JWT issuer for the tests, with an RSA key made here (no network): its public key as the PEM file a
 * resource server is pointed at, and signed tokens.
 */
final class JwtIssuer {

	private final KeyPair key = rsa();

	/**
	 * Writes the public key as PEM.
	 * @param file the file
	 * @return the file
	 */
	Path writePublicKey(Path file) throws IOException {
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		return Files.writeString(file, pem);
	}

	/**
	 * A token of this issuer.
	 * @param subject the user
	 * @param jti the token ID
	 * @param expiresAt the expiry
	 * @return the encoded token
	 */
	String token(String subject, String jti, Instant expiresAt) {
		return sign(key, subject, jti, expiresAt);
	}

	/**
	 * A token signed with a key of its own, not the issuer's.
	 * @param subject the user
	 * @param jti the token ID
	 * @param expiresAt the expiry
	 * @return the encoded token
	 */
	static String forged(String subject, String jti, Instant expiresAt) {
		return sign(rsa(), subject, jti, expiresAt);
	}

	private static String sign(KeyPair key, String subject, String jti, Instant expiresAt) {
		Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minusSeconds(600) : Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).id(jti).issuedAt(issuedAt).expiresAt(expiresAt)
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
