package io.flashsale.order.catalog;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flashsale.order.OrderProperties;
import io.flashsale.stock.StockCounters;
import io.flashsale.stock.StockKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Remembers sold-out sales, so their shoppers are answered from memory without Redis.
 *
 * <p>
 * An instance that sees the stock reach zero tells the others over Redis pub/sub
 * ({@link StockKeys#STOCK_CHANNEL}); a release that brings units back clears the flag
 * everywhere. Pub/sub may drop a message, so a flag also expires after
 * {@code flashsale.order.sold-out-memory} and the next purchase asks Redis again.
 */
@Component
public class SoldOutMemory {

	private final Map<Long, Long> soldOutUntil = new ConcurrentHashMap<>();

	private final StockCounters counters;

	private final Clock clock;

	private final long memoryMillis;

	SoldOutMemory(StockCounters counters, Clock clock, OrderProperties properties) {
		this.counters = counters;
		this.clock = clock;
		this.memoryMillis = properties.soldOutMemory().toMillis();
	}

	public boolean isSoldOut(long flashSaleId) {
		Long until = this.soldOutUntil.get(flashSaleId);
		return until != null && until > this.clock.millis();
	}

	/** This instance saw the stock at zero: remember it and tell the others. */
	public void soldOut(long flashSaleId) {
		remember(flashSaleId);
		this.counters.announce(flashSaleId, 0);
	}

	/** Units came back: forget the flag here and everywhere. */
	public void restocked(long flashSaleId, long remaining) {
		this.soldOutUntil.remove(flashSaleId);
		this.counters.announce(flashSaleId, remaining);
	}

	/** Redis answered sold-out here: remember it locally, without telling the others. */
	public void remember(long flashSaleId) {
		this.soldOutUntil.put(flashSaleId, this.clock.millis() + this.memoryMillis);
	}

	void onAnnouncement(String message) {
		int separator = message.indexOf(':');
		if (separator < 0) {
			return;
		}
		try {
			long flashSaleId = Long.parseLong(message.substring(0, separator));
			long remaining = Long.parseLong(message.substring(separator + 1));
			if (remaining <= 0) {
				remember(flashSaleId);
			}
			else {
				this.soldOutUntil.remove(flashSaleId);
			}
		}
		catch (NumberFormatException ex) {
			// Not ours; ignore.
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Subscription {

		@Bean
		RedisMessageListenerContainer stockAnnouncements(RedisConnectionFactory connections, SoldOutMemory memory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connections);
			MessageListener listener = (message, pattern) -> memory.onAnnouncement(new String(message.getBody()));
			container.addMessageListener(listener, new ChannelTopic(StockKeys.STOCK_CHANNEL));
			return container;
		}

	}

}
