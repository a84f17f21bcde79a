package io.flashsale.payment.order;

import io.flashsale.payment.PaymentProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The order-service client: Boot's {@link RestClient.Builder} with the base URL and
 * timeouts of {@link PaymentProperties}, relaying the shopper's token.
 */
@Configuration(proxyBeanMethods = false)
class OrderClientConfiguration {

	@Bean
	ShopperOrders shopperOrders(RestClient.Builder builder, PaymentProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.orderConnectTimeout(), properties.orderReadTimeout());
		RestClient client = builder.clone()
			.baseUrl(properties.orderUrl().toString())
			// The platform starter has already turned the transport's own retries off.
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.requestInterceptor(new BearerTokenRelay())
			.build();
		return new ShopperOrders(HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(OrderClient.class));
	}

}
