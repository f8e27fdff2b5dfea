package io.resgate.spring.service.test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;

/**
 * The {@link ResTestClient} bean of {@link AutoConfigureResTestClient}: imported by that annotation
 * only, never by the application's own auto-configuration.
 */
@AutoConfiguration(afterName = { "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration",
		"io.resgate.spring.autoconfigure.ResgateServiceAutoConfiguration" })
@ConditionalOnBean({ Messaging.class, ResCodec.class })
public class ResTestClientAutoConfiguration {

	/**
	 * A test client on the application's messaging system.
	 * @param messaging the messaging system
	 * @param codec the codec
	 * @return the client, recording events from now on
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public ResTestClient resTestClient(Messaging messaging, ResCodec codec) {
		return new ResTestClient(messaging, codec);
	}
}
