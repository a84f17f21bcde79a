package io.flashsale.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.validation.Validator;

/**
 * Live tuning of the rate limits: {@link RateLimitProperties} is a record, bound once at
 * start, so on every environment change under {@code flashsale.gateway.rate-limits} (a
 * switch refresh) it is bound and validated again and handed to the filter. Limits that
 * do not validate are refused and logged; the previous ones stay.
 */
class RateLimitRefresh {

	static final String PREFIX = "flashsale.gateway.rate-limits";

	private static final Logger log = LoggerFactory.getLogger(RateLimitRefresh.class);

	private final Environment environment;

	private final RateLimitFilter filter;

	private final ObjectProvider<Validator> validators;

	RateLimitRefresh(Environment environment, RateLimitFilter filter, ObjectProvider<Validator> validators) {
		this.environment = environment;
		this.filter = filter;
		this.validators = validators;
	}

	@EventListener
	void changed(EnvironmentChangeEvent event) {
		if (event.getKeys().stream().noneMatch((key) -> key.startsWith(PREFIX))) {
			return;
		}
		try {
			Validator validator = this.validators.orderedStream().findFirst().orElse(null);
			BindHandler handler = (validator != null) ? new ValidationBindHandler(validator) : BindHandler.DEFAULT;
			RateLimitProperties limits = Binder.get(this.environment)
				.bindOrCreate(PREFIX, Bindable.of(RateLimitProperties.class), handler);
			this.filter.retune(limits);
			log.info("Rate limits retuned: enabled={} user={} ip={} routes={}", limits.enabled(), limits.user(),
					limits.ip(), limits.routes());
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring new rate limits; keeping the previous ones", ex);
		}
	}

}
