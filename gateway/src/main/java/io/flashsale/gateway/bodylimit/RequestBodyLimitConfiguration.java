package io.flashsale.gateway.bodylimit;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestBodyProperties.class)
class RequestBodyLimitConfiguration {

	@Bean
	RequestBodyLimit requestBodyLimit(RequestBodyProperties properties, GatewayProblems problems) {
		return new RequestBodyLimit(properties, problems);
	}

}
