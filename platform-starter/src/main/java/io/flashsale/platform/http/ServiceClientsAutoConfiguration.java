package io.flashsale.platform.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * {@link ServiceClients} for every servlet service that has Boot's
 * {@link RestClient.Builder}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ RestClient.class, HttpServiceProxyFactory.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBean(RestClient.Builder.class)
public class ServiceClientsAutoConfiguration {

	@Bean
	ServiceClients serviceClients(ObjectProvider<RestClient.Builder> builders,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		return new ServiceClients(builders::getObject,
				requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect),
				settings.getIfAvailable(HttpClientSettings::defaults));
	}

}
