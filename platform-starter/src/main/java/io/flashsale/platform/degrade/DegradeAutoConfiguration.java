package io.flashsale.platform.degrade;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Degrade switches for every service: the {@link LiveSwitches} bean, shedding of
 * {@link Graded} endpoints in servlet services, verbose logging, and switch refresh over
 * the bus with polling as the fallback (only where the service imports a config server).
 */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
public class DegradeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LiveSwitches flashsaleSwitches(Environment environment) {
		return new LiveSwitches(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.aspectj.lang.annotation.Aspect")
	static class Grading {

		@Bean
		static GradedAspect gradedAspect(LiveSwitches switches, Environment environment,
				ObjectProvider<MeterRegistry> meters) {
			return new GradedAspect(switches, environment, meters);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EnvironmentChangeEvent.class, LoggingSystem.class })
	static class Logging {

		@Bean
		VerboseLogging verboseLogging(LiveSwitches switches, LoggingSystem logging, Environment environment) {
			return new VerboseLogging(switches, logging, environment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ContextRefresher.class, RefreshAutoConfiguration.class })
	@ConditionalOnBean(ContextRefresher.class)
	@ConditionalOnProperty(name = "spring.cloud.config.enabled", matchIfMissing = true)
	@Conditional(ImportsConfigServer.class)
	static class Refresh {

		@Bean
		SwitchRefresher switchRefresher(ContextRefresher refresher, Environment environment,
				ObjectProvider<MeterRegistry> meters) {
			URI server = SwitchRefresher.configServer(environment).orElseThrow();
			Duration timeout = environment.getProperty("flashsale.switches.version-timeout", Duration.class,
					Duration.ofSeconds(2));
			return new SwitchRefresher(refresher, environment, server, timeout, meters);
		}

		/**
		 * {@code flashsale.switches.version}: the switch version this instance loaded, so
		 * ops (and an alert) see whether a change reached every instance.
		 */
		@Bean
		MeterBinder switchVersionGauge(Environment environment) {
			return (registry) -> Gauge
				.builder("flashsale.switches.version", environment, SwitchRefresher::loadedVersion)
				.description("The switch (configuration) version this instance has loaded")
				.register(registry);
		}

		@Bean
		SwitchPoller switchPoller(SwitchRefresher refresher, Environment environment) {
			Duration interval = environment.getProperty("flashsale.switches.poll-interval", Duration.class,
					Duration.ofSeconds(10));
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalStateException("flashsale.switches.poll-interval must be positive, was " + interval);
			}
			return new SwitchPoller(refresher, interval);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = SwitchBusListener.BUS_REFRESH)
		static class Bus {

			@Bean
			SwitchBusListener switchBusListener(SwitchRefresher refresher) {
				return new SwitchBusListener(refresher);
			}

		}

	}

	/** The service imports its configuration from a config server. */
	static class ImportsConfigServer extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SwitchRefresher.configServer(context.getEnvironment())
				.map((uri) -> ConditionOutcome.match("config server at " + uri))
				.orElseGet(() -> ConditionOutcome.noMatch("no configserver: import"));
		}

	}

}
