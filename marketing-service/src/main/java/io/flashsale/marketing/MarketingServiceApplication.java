package io.flashsale.marketing;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@EnableConfigurationProperties(MarketingProperties.class)
public class MarketingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(MarketingServiceApplication.class, args);
	}

	/**
	 * The one source of "now" for campaign windows, so they are decided in UTC and tests
	 * can reason about them.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** {@code @Future} and friends on request bodies judge against the same clock. */
	@Bean
	ValidationConfigurationCustomizer validationClock(Clock clock) {
		return (configuration) -> configuration.clockProvider(() -> clock);
	}

}
