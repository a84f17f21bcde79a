package io.flashsale.order.reconciliation;

import java.time.Duration;

import io.flashsale.order.OrderProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** The HTTP interface client for inventory-service, with bounded timeouts. */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	InventoryClient inventoryClient(RestClient.Builder builder, OrderProperties properties) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(1));
		requests.setReadTimeout(Duration.ofSeconds(5));
		RestClient client = builder.clone().baseUrl(properties.inventoryUrl()).requestFactory(requests).build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(InventoryClient.class);
	}

}
