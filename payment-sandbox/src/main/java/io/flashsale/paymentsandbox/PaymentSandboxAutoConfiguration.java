package io.flashsale.paymentsandbox;

import org.apache.ibatis.session.Configuration;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration;

import io.flashsale.platform.security.LocalProfile;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sandbox wallets, in an application that has this module on its classpath, and only
 * in the {@code local} profile (there unless
 * {@code flashsale.payment.sandbox.enabled=false}): anyone may pay, fail or settle any
 * trade through them, so a deployment never has them, whatever its settings say. The host
 * brings a MariaDB with the sandbox's tables ({@code sandbox_trades},
 * {@code sandbox_notifications}), MyBatis, and Spring MVC.
 *
 * <p>
 * The two mappers are registered here rather than scanned: this package is outside the
 * host's, and a {@code @MapperScan} would switch MyBatis's own scan of the host's mappers
 * off.
 */
@AutoConfiguration(after = MybatisAutoConfiguration.class)
@Profile(LocalProfile.NAME)
@ConditionalOnBooleanProperty(name = "flashsale.payment.sandbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SandboxProperties.class)
@EnableScheduling
@Import({ SandboxBehaviours.class, SandboxBook.class, SandboxNotifier.class, SandboxController.class })
public final class PaymentSandboxAutoConfiguration {

	@Bean
	SandboxTrades sandboxTrades(SqlSessionTemplate sessions) {
		return mapper(sessions, SandboxTrades.class);
	}

	@Bean
	SandboxNotifications sandboxNotifications(SqlSessionTemplate sessions) {
		return mapper(sessions, SandboxNotifications.class);
	}

	private static <T> T mapper(SqlSessionTemplate sessions, Class<T> type) {
		Configuration configuration = sessions.getConfiguration();
		if (!configuration.hasMapper(type)) {
			configuration.addMapper(type);
		}
		return sessions.getMapper(type);
	}

}
