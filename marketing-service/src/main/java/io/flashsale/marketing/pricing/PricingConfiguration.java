package io.flashsale.marketing.pricing;

import java.time.Clock;

import io.flashsale.platform.security.LocalProfile;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/**
 * The price engine with its stacking matrix, the quote key (refusing to start on an
 * unsafe one), the promotions cache and its reload schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PricingProperties.class)
class PricingConfiguration {

	@Bean
	PriceEngine priceEngine(PricingProperties properties) {
		return new PriceEngine(properties.stackingMatrix());
	}

	@Bean
	Quotes quotes(PricingProperties properties, Environment environment) {
		return new Quotes(QuoteSigner.of(properties.quoteSecret(), LocalProfile.isActive(environment)));
	}

	@Bean
	ActivePromotions activePromotions(Promotions promotions, Clock clock) {
		return new ActivePromotions(promotions, clock);
	}

	@Bean
	SchedulingConfigurer promotionsReload(ActivePromotions promotions, PricingProperties properties) {
		return (registrar) -> registrar.addFixedDelayTask(new FixedDelayTask(promotions::refresh,
				properties.promotionsRefresh(), properties.promotionsRefresh()));
	}

}
