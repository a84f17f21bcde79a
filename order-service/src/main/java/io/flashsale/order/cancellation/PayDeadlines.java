package io.flashsale.order.cancellation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.flashsale.order.orders.DeadlineQueue;
import io.flashsale.order.orders.Order;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The delayed-cancel queue: a Redis sorted set of unpaid orders scored by their pay
 * deadline (epoch millis). The order writer adds each order after its insert commits; an
 * order leaves when it is paid or cancelled, or when a poller claims it at its deadline.
 * The queue only speeds cancellation up: the database sweep catches any order the queue
 * lost (an instance died after its claim, Redis was flushed).
 */
@Component
public class PayDeadlines implements DeadlineQueue {

	/** One key for every sale: the poller serves all sales in one call. */
	public static final String KEY = "fs:pay-deadlines";

	/** Read once: a script built on a Resource re-checks the jar on every call. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLAIM_DUE = RedisScript.of(
			RedisScript.of(new ClassPathResource("io/flashsale/order/cancellation/claim-due.lua")).getScriptAsString(),
			List.class);

	private final StringRedisTemplate redis;

	private final String key;

	@Autowired
	PayDeadlines(StringRedisTemplate redis) {
		this(redis, KEY);
	}

	/** A queue under another key; tests race claimers on one of their own. */
	public PayDeadlines(StringRedisTemplate redis, String key) {
		this.redis = redis;
		this.key = key;
	}

	/** Queues unpaid orders; adding one again keeps it once, at its deadline. */
	public void schedule(Collection<Order> orders) {
		Set<TypedTuple<String>> members = orders.stream()
			.filter(Order::isPendingPayment)
			.map((order) -> TypedTuple.of(order.id(), (double) order.payDeadline().toEpochMilli()))
			.collect(Collectors.toSet());
		if (!members.isEmpty()) {
			this.redis.opsForZSet().add(this.key, members);
		}
	}

	/** Puts a claimed order back, for when its cancellation failed. */
	public void reschedule(String orderId, Instant deadline) {
		this.redis.opsForZSet().add(this.key, orderId, deadline.toEpochMilli());
	}

	@Override
	public void remove(String orderId) {
		this.redis.opsForZSet().remove(this.key, orderId);
	}

	/**
	 * Atomically takes orders that are due off the queue; no other caller gets them.
	 * @param now the instant deadlines are compared with
	 * @param limit the most to take
	 * @return the claimed order ids, earliest deadline first
	 */
	public List<String> claimDue(Instant now, int limit) {
		List<?> claimed = this.redis.execute(CLAIM_DUE, List.of(this.key), String.valueOf(now.toEpochMilli()),
				String.valueOf(limit));
		return (claimed != null) ? claimed.stream().map(String::valueOf).toList() : List.of();
	}

	/** Whether the order is queued; for tests and diagnostics. */
	public boolean isQueued(String orderId) {
		return this.redis.opsForZSet().score(this.key, orderId) != null;
	}

}
