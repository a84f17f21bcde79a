package io.flashsale.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.validation.Validator;

/**
 * Wires the rate limits and the blacklist: one script per request decides them all
 * ({@link RateLimitFilter}; ADR 007 says why not Spring Cloud Gateway's
 * {@code RedisRateLimiter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RateLimitProperties.class, BlacklistProperties.class })
class RateLimitConfiguration {

	/**
	 * While the connection to Redis is down, every command fails at once instead of
	 * waiting in Lettuce's queue for its timeout: the limiters' fallbacks then decide
	 * immediately, and a Redis outage adds no latency to shoppers' requests.
	 * @return the customizer
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileRedisIsDown() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	Callers rateLimitCallers(RateLimitProperties properties) {
		return new Callers(properties.trustedProxyHops());
	}

	@Bean
	RateLimitFilter rateLimitFilter(ReactiveStringRedisTemplate redis, RateLimitProperties properties,
			BlacklistProperties blacklist, Callers callers, GatewayProblems problems, MeterRegistry meters) {
		return new RateLimitFilter(redis, properties, blacklist, callers, problems, meters);
	}

	@Bean
	RateLimitRefresh rateLimitRefresh(Environment environment, RateLimitFilter filter,
			ObjectProvider<Validator> validators) {
		return new RateLimitRefresh(environment, filter, validators);
	}

}
