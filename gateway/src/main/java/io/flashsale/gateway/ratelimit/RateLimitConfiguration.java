package io.flashsale.gateway.ratelimit;

import java.util.List;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.validation.Validator;

/**
 * Wires the rate limits and the blacklist. The {@link RedisRateLimiter} is built here
 * rather than taken from Spring Cloud Gateway's auto-configuration: that bean is
 * configured per route through route arguments, while these buckets are keyed by IP, user
 * and route at once, with rates from {@link RateLimitProperties}.
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
	Blacklist blacklist(ReactiveStringRedisTemplate redis, BlacklistProperties blacklist,
			RateLimitProperties rateLimits, MeterRegistry meters) {
		return new Blacklist(redis, blacklist, rateLimits.redisTimeout(), meters);
	}

	@Bean
	BlacklistFilter blacklistFilter(Callers callers, Blacklist blacklist, GatewayProblems problems) {
		return new BlacklistFilter(callers, blacklist, problems);
	}

	@Bean
	RateLimitFilter rateLimitFilter(ReactiveStringRedisTemplate redis,
			@Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
			ConfigurationService configurationService, RateLimitProperties properties, Callers callers,
			Blacklist blacklist, GatewayProblems problems, MeterRegistry meters) {
		// The script's text is read once: a script built on a Resource re-checks the
		// file's
		// modification time inside the fat jar on every call, which cost a quarter of the
		// gateway's CPU under load.
		RedisScript<List<Long>> loaded = RedisScript.of(script.getScriptAsString(), script.getResultType());
		RedisRateLimiter limiter = new RedisRateLimiter(redis, loaded, configurationService);
		return new RateLimitFilter(limiter, properties, callers, blacklist, problems, meters);
	}

	@Bean
	RateLimitRefresh rateLimitRefresh(Environment environment, RateLimitFilter filter,
			ObjectProvider<Validator> validators) {
		return new RateLimitRefresh(environment, filter, validators);
	}

}
