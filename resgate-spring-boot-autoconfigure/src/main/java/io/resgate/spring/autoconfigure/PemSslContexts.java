package io.resgate.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStore;

/**
 * Builds an {@link SSLContext} from PEM files for the NATS connection.
 */
final class PemSslContexts {

	private PemSslContexts() {
	}

	static SSLContext create(Path certFile, Path keyFile, Path caFile) throws GeneralSecurityException, IOException {
		KeyManagerFactory kmf = null;
		if (certFile != null && keyFile != null) {
			PemSslStore store = PemSslStore.load(PemSslStoreDetails.forCertificate(location(certFile))
				.withPrivateKey(location(keyFile)));
			KeyStore ks = toKeyStore(store);
			kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(ks, new char[0]);
		}
		TrustManagerFactory tmf = null;
		if (caFile != null) {
			PemSslStore trust = PemSslStore.load(PemSslStoreDetails.forCertificate(location(caFile)));
			KeyStore ts = toKeyStore(trust);
			tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			tmf.init(ts);
		}
		SSLContext ctx = SSLContext.getInstance("TLS");
		ctx.init((kmf != null) ? kmf.getKeyManagers() : null, (tmf != null) ? tmf.getTrustManagers() : null, null);
		return ctx;
	}

	private static String location(Path path) {
		return "file:" + path.toAbsolutePath();
	}

	private static KeyStore toKeyStore(PemSslStore store) throws GeneralSecurityException, IOException {
		KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
		ks.load(null, null);
		if (store.privateKey() != null) {
			ks.setKeyEntry("key", store.privateKey(), new char[0],
					store.certificates().toArray(new java.security.cert.Certificate[0]));
		}
		else {
			int i = 0;
			for (java.security.cert.X509Certificate c : store.certificates()) {
				ks.setCertificateEntry("ca-" + (i++), c);
			}
		}
		return ks;
	}
}
