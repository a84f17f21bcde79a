package io.flashsale.payment.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * One client per configured channel, on Boot's {@link RestClient.Builder} (observed and
 * traced), with the channel's time limit as read timeout. A channel without a URL is this
 * service's own sandbox wallet, whose address is known only once the server listens.
 */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

	@Bean
	Channels channels(ChannelSecrets checked, PaymentProperties properties, RestClient.Builder builder, JsonMapper json,
			ResilientCalls calls, TimeLimiterRegistry limiters, Environment environment,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		Duration timeLimit = Channels.timeLimit(limiters);
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(Duration.ofSeconds(1), timeLimit.plusMillis(500));
		RestClient http = builder.clone()
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.build();
		List<PaymentChannel> clients = new ArrayList<>();
		for (Map.Entry<String, PaymentProperties.Channel> entry : properties.channels().entrySet()) {
			String name = entry.getKey();
			if (!SandboxDialect.speaks(name)) {
				throw new IllegalStateException("No channel implementation for flashsale.payment.channels." + name
						+ "; the shipped channels are "
						+ List.of(PaymentProperties.SANDPAY, PaymentProperties.QUICKWALLET));
			}
			clients.add(new SandboxWallet(name, entry.getValue().secret(), baseUrl(name, entry.getValue(), environment),
					http, json));
		}
		return new Channels(properties, clients, calls);
	}

	private static Supplier<String> baseUrl(String name, PaymentProperties.Channel channel, Environment environment) {
		if (channel.url() != null) {
			String url = channel.url().toString();
			return () -> url;
		}
		return () -> "http://127.0.0.1:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"))
				+ "/sandbox/" + name;
	}

}
