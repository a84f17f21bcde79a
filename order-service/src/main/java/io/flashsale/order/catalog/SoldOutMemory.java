package io.flashsale.order.catalog;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
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
 * A winner who retries the same purchase after the sell-out must get their 202 back, not
 * sold-out. Once a sale is sold out, the purchases that may be replayed are a fixed set:
 * the idempotency records in Redis (at most one per unit sold). So when the flag is set,
 * the set is read once with it, and a purchase whose key is in it goes on to the script,
 * which replays it; every other purchase is answered sold-out from memory. If the set
 * cannot be read, the flag is not set and purchases ask Redis.
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

	private final Map<Long, Set<String>> replayable = new ConcurrentHashMap<>();

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

	/**
	 * Whether a purchase under this idempotency field may be a replay of one accepted
	 * before the sale sold out, so it must go to Redis for its original answer.
	 * @param flashSaleId the sale
	 * @param idempotencyField {@code userId:key}
	 */
	public boolean mayReplay(long flashSaleId, String idempotencyField) {
		Set<String> fields = this.replayable.get(flashSaleId);
		return fields == null || fields.contains(idempotencyField);
	}

	/** This instance saw the stock at zero: remember it and tell the others. */
	public void soldOut(long flashSaleId) {
		remember(flashSaleId);
		this.counters.announce(flashSaleId, 0);
	}

	/** Units came back: forget the flag here and everywhere. */
	public void restocked(long flashSaleId, long remaining) {
		forget(flashSaleId);
		this.counters.announce(flashSaleId, remaining);
	}

	/** Redis answered sold-out here: remember it locally, without telling the others. */
	public void remember(long flashSaleId) {
		Set<String> fields;
		try {
			fields = Set.copyOf(this.counters.idempotencyRecords(flashSaleId).keySet());
		}
		catch (RuntimeException ex) {
			// Without the replayable set, sold-out cannot be answered from memory.
			return;
		}
		this.replayable.put(flashSaleId, fields);
		this.soldOutUntil.put(flashSaleId, this.clock.millis() + this.memoryMillis);
	}

	private void forget(long flashSaleId) {
		this.soldOutUntil.remove(flashSaleId);
		this.replayable.remove(flashSaleId);
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
				forget(flashSaleId);
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
