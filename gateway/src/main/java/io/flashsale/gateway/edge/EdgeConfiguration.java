package io.flashsale.gateway.edge;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.stock.StockKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Wires purchases answered at the edge: the sale states, the filter, and the two ways the
 * states stay current (the refresh loop and the stock announcements).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
@ConditionalOnProperty(name = "flashsale.gateway.edge.enabled", matchIfMissing = true)
class EdgeConfiguration {

	@Bean
	SaleStates edgeSaleStates(ReactiveStringRedisTemplate redis, EdgeProperties properties,
			ObjectProvider<Clock> clock) {
		return new SaleStates(redis, properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	EdgePurchaseFilter edgePurchaseFilter(SaleStates states, ReactiveJwtDecoder tokens, LiveSwitches switches,
			JsonMapper json, MeterRegistry meters) {
		return new EdgePurchaseFilter(states, tokens, switches, json, meters);
	}

	@Bean
	SaleStateUpdates edgeSaleStateUpdates(SaleStates states, EdgeProperties properties,
			ReactiveRedisConnectionFactory connections) {
		return new SaleStateUpdates(states, properties, connections);
	}

	/**
	 * Keeps the states current while the gateway runs: a refresh every
	 * {@code refresh-interval}, and the stock announcements, resubscribed after Redis
	 * comes back.
	 */
	static final class SaleStateUpdates implements SmartLifecycle {

		private final SaleStates states;

		private final EdgeProperties properties;

		private final ReactiveRedisConnectionFactory connections;

		private volatile Disposable running;

		private ReactiveRedisMessageListenerContainer container;

		SaleStateUpdates(SaleStates states, EdgeProperties properties, ReactiveRedisConnectionFactory connections) {
			this.states = states;
			this.properties = properties;
			this.connections = connections;
		}

		@Override
		public void start() {
			this.container = new ReactiveRedisMessageListenerContainer(this.connections);
			Disposable refreshes = Flux.interval(this.properties.refreshInterval())
				.onBackpressureDrop()
				.concatMap((tick) -> this.states.refresh(), 1)
				.subscribe();
			Disposable announcements = Flux
				.defer(() -> this.container.receive(ChannelTopic.of(StockKeys.STOCK_CHANNEL)))
				.concatMap((message) -> this.states.onAnnouncement(message.getMessage()))
				.retryWhen(Retry.backoff(Long.MAX_VALUE, this.properties.refreshInterval())
					.maxBackoff(this.properties.staleAfter()))
				.subscribe();
			this.running = Disposables.composite(refreshes, announcements);
		}

		@Override
		public void stop() {
			Disposable current = this.running;
			this.running = null;
			if (current != null) {
				current.dispose();
			}
			if (this.container != null) {
				this.container.destroy();
			}
		}

		@Override
		public boolean isRunning() {
			return this.running != null;
		}

	}

}
