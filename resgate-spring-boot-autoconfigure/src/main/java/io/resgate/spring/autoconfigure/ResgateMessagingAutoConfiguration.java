package io.resgate.spring.autoconfigure;

import java.io.IOException;
import java.security.GeneralSecurityException;

import io.nats.client.Nats;
import io.nats.client.Options;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.protocol.ResCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the messaging system: a NATS connection when {@code resgate.nats.url} is
 * set, otherwise the embedded in-process bus. Also provides the RES JSON codec.
 */
@AutoConfiguration
@EnableConfigurationProperties(ResgateProperties.class)
public class ResgateMessagingAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ResgateMessagingAutoConfiguration.class);

	/**
	 * The RES JSON codec.
	 * @return the codec
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResCodec resCodec() {
		return new ResCodec();
	}

	/**
	 * NATS, when a server URL is configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnNatsUrlCondition.class)
	static class NatsConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		Messaging resgateMessaging(ResgateProperties properties) throws IOException, InterruptedException {
			Options.Builder options = NatsOptionsFactory.create(properties.getNats());
			try {
				NatsMessaging messaging = NatsMessaging.connect(options);
				logger.info("RES messaging: " + messaging.describe());
				return messaging;
			}
			catch (IOException ex) {
				// jnats' own message names the URLs with their credentials: only its cause is kept
				throw new NatsConnectionException(properties.getNats().getUrl(),
						properties.getNats().getConnectionTimeout(), ex.getCause());
			}
		}
	}

	/**
	 * The embedded in-process bus, when no NATS server URL is configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnNatsUrlCondition.Missing.class)
	static class LocalConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		Messaging resgateMessaging() {
			LocalMessaging messaging = new LocalMessaging();
			logger.info("RES messaging: in-process bus (set resgate.nats.url to use NATS)");
			return messaging;
		}
	}

	static final class NatsOptionsFactory {

		private NatsOptionsFactory() {
		}

		static Options.Builder create(ResgateProperties.Nats nats) throws IOException {
			Options.Builder b = new Options.Builder()
				.servers(nats.getUrl().stream().map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new))
				.connectionName(nats.getConnectionName())
				.maxReconnects(nats.getMaxReconnects())
				.reconnectWait(nats.getReconnectWait())
				.connectionTimeout(nats.getConnectionTimeout())
				.pingInterval(nats.getPingInterval())
				.maxPingsOut(nats.getMaxPingsOut());
			if (nats.getCredentialsFile() != null) {
				b.authHandler(Nats.credentials(nats.getCredentialsFile().toString()));
			}
			ResgateProperties.Nats.Tls tls = nats.getTls();
			if (tls.isEnabled() || tls.getCaFile() != null || tls.getCertFile() != null) {
				try {
					b.sslContext(PemSslContexts.create(tls.getCertFile(), tls.getKeyFile(), tls.getCaFile()));
				}
				catch (GeneralSecurityException ex) {
					throw new IOException("Invalid NATS TLS configuration: " + ex.getMessage(), ex);
				}
			}
			return b;
		}
	}
}
