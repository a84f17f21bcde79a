package io.flashsale.platform.context;

import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the request context: readable everywhere, written by a servlet filter.
 */
@AutoConfiguration(after = MicrometerTracingAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean(Tracer.class)
public class RequestContextAutoConfiguration {

	@Bean
	RequestContexts requestContexts(Tracer tracer) {
		return new RequestContexts(tracer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletRequestContext {

		/**
		 * Ordered just after the security filter chain, which has to authenticate first.
		 */
		@Bean
		FilterRegistrationBean<RequestContextFilter> flashsaleRequestContextFilter(Tracer tracer) {
			FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(
					new RequestContextFilter(tracer));
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
			return registration;
		}

	}

}
