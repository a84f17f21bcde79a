package io.flashsale.stock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.api.async.BaseRedisAsyncCommands;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The stock counters of flash sales in Redis. Every state change is one Lua script over
 * the keys of one sale ({@link StockKeys}), so each is atomic and runs on Redis Cluster.
 *
 * <p>
 * Reservation states move RESERVED → CONFIRMED (the order writer claimed it) or RESERVED
 * → RELEASED (units back to the stock, no order), and CONFIRMED → CANCELLED (its order
 * was cancelled, units back to the stock). Stock held = initial - remaining = units of
 * RESERVED and CONFIRMED reservations; RELEASED and CANCELLED hold nothing.
 * {@link #repair(long)} restores that equation. An acknowledged order whose reservation
 * vanished with lost Redis data is adopted as CONFIRMED ({@link #adopt}).
 */
public class StockCounters {

	private static final RedisScript<String> WARM = script("warm", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RESERVE = script("reserve", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CONFIRM = script("confirm", List.class);

	private static final RedisScript<String> RELEASE = script("release", String.class);

	private static final RedisScript<String> RENEW = script("renew", String.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CANCEL = script("cancel", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ADOPT = script("adopt", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SNAPSHOT = script("snapshot", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REPAIR = script("repair", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> REBUILD = script("rebuild", List.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	public StockCounters(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * The script's text, read once. A script built on a Resource re-checks the file's
	 * modification time inside the application jar on every call, which is far too slow
	 * for the hot path.
	 */
	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		String text = RedisScript.of(new ClassPathResource("io/flashsale/stock/" + name + ".lua")).getScriptAsString();
		return RedisScript.of(text, resultType);
	}

	/**
	 * Warms a sale's counters; a live counter is never overwritten.
	 * @param counters what to warm with
	 * @return {@code true} if the stock counter was created, {@code false} if it existed
	 */
	public boolean warm(SaleCounters counters) {
		StockKeys keys = new StockKeys(counters.flashSaleId());
		String result = this.redis.execute(WARM, List.of(keys.meta(), keys.stock()),
				String.valueOf(counters.initialStock()), String.valueOf(counters.startsAt().toEpochMilli()),
				String.valueOf(counters.endsAt().toEpochMilli()), String.valueOf(counters.perUserLimit()));
		return "WARMED".equals(result);
	}

	public ReserveOutcome reserve(ReserveCommand command) {
		StockKeys keys = new StockKeys(command.flashSaleId());
		List<?> result = this.redis.execute(RESERVE,
				List.of(keys.meta(), keys.stock(), keys.bought(), keys.reservations(), keys.pending(),
						keys.idempotency()),
				command.userId(), String.valueOf(command.quantity()), command.orderId(),
				String.valueOf(command.now().toEpochMilli()), command.idempotencyField(), command.requestHash());
		String outcome = String.valueOf(result.get(0));
		String detail = String.valueOf(result.get(1));
		return switch (outcome) {
			case "RESERVED" -> new ReserveOutcome.Reserved(command.orderId(), Long.parseLong(detail));
			case "REPLAY" -> new ReserveOutcome.Replayed(detail);
			case "KEY_REUSED" -> new ReserveOutcome.KeyReused();
			case "NOT_ACTIVE" -> new ReserveOutcome.NotActive();
			case "NOT_WARMED" -> new ReserveOutcome.NotWarmed();
			case "LIMIT" -> new ReserveOutcome.LimitExceeded(Long.parseLong(detail));
			case "SOLD_OUT" -> new ReserveOutcome.SoldOut(Long.parseLong(detail));
			default -> throw new IllegalStateException("Unexpected reservation outcome " + outcome);
		};
	}

	/**
	 * Claims a reservation for its order, so it can no longer be released.
	 * @return the state after the claim; empty when there is no reservation
	 */
	public Optional<Reservation.State> confirm(long flashSaleId, String orderId) {
		return confirmAll(flashSaleId, List.of(orderId)).get(orderId);
	}

	/**
	 * Claims a batch of one sale's reservations in one script.
	 * @return each order's state after the claim, empty when it has no reservation
	 */
	public Map<String, Optional<Reservation.State>> confirmAll(long flashSaleId, List<String> orderIds) {
		if (orderIds.isEmpty()) {
			return Map.of();
		}
		StockKeys keys = new StockKeys(flashSaleId);
		List<?> states = this.redis.execute(CONFIRM, List.of(keys.reservations(), keys.pending()),
				orderIds.toArray(Object[]::new));
		Map<String, Optional<Reservation.State>> result = new HashMap<>(orderIds.size() * 2);
		for (int i = 0; i < orderIds.size(); i++) {
			result.put(orderIds.get(i), state((states != null) ? String.valueOf(states.get(i)) : null));
		}
		return result;
	}

	/**
	 * Releases an unclaimed reservation, giving its units back.
	 * @return {@code true} if this call released it
	 */
	public boolean release(long flashSaleId, String orderId) {
		StockKeys keys = new StockKeys(flashSaleId);
		String result = this.redis.execute(RELEASE,
				List.of(keys.stock(), keys.bought(), keys.reservations(), keys.pending(), keys.idempotency()), orderId);
		return "RELEASED".equals(result);
	}

	/**
	 * Releases an unclaimed reservation whose hand-off started before the cutoff; one
	 * renewed since ({@link #renewHandOff}) is left alone. For the reaper.
	 * @return {@code true} if this call released it
	 */
	public boolean releaseIfHandedOffBefore(long flashSaleId, String orderId, Instant cutoff) {
		StockKeys keys = new StockKeys(flashSaleId);
		String result = this.redis.execute(RELEASE,
				List.of(keys.stock(), keys.bought(), keys.reservations(), keys.pending(), keys.idempotency()), orderId,
				String.valueOf(cutoff.toEpochMilli()));
		return "RELEASED".equals(result);
	}

	/**
	 * Starts an unclaimed reservation's hand-off deadline over, before its record is sent
	 * again for a replayed purchase.
	 * @return the reservation as found; empty when there is none
	 */
	public Optional<Reservation> renewHandOff(long flashSaleId, String orderId, Instant now) {
		StockKeys keys = new StockKeys(flashSaleId);
		String raw = this.redis.execute(RENEW, List.of(keys.reservations(), keys.pending()), orderId,
				String.valueOf(now.toEpochMilli()));
		return Optional.ofNullable(raw).map((json) -> parse(orderId, json));
	}

	/**
	 * Returns a cancelled order's units: a CONFIRMED reservation becomes CANCELLED, the
	 * stock grows by its quantity and the buyer's holding shrinks by it, so the buyer may
	 * buy again. Idempotent by state: a repeated call, or a reservation in any other
	 * state, changes nothing and says what it found. The shopper's idempotency key is
	 * kept, so retrying the old request replays the cancelled order instead of buying
	 * again.
	 * @return what the call found and did
	 */
	public CancelOutcome cancel(long flashSaleId, String orderId) {
		StockKeys keys = new StockKeys(flashSaleId);
		List<?> result = this.redis.execute(CANCEL, List.of(keys.stock(), keys.bought(), keys.reservations()), orderId);
		String outcome = String.valueOf(result.get(0));
		return switch (outcome) {
			case "CANCELLED" ->
				new CancelOutcome.Cancelled(Integer.parseInt(String.valueOf(result.get(1))), number(result.get(2)));
			case "MISSING" -> new CancelOutcome.Missing();
			case "NOT_WARMED" -> new CancelOutcome.NotWarmed();
			default -> {
				if (!outcome.startsWith("WAS_")) {
					throw new IllegalStateException("Unexpected cancel outcome " + outcome);
				}
				yield new CancelOutcome.Unchanged(Reservation.State.valueOf(outcome.substring(4)));
			}
		};
	}

	/**
	 * Makes the counters account for an acknowledged order whose reservation is not in
	 * Redis: its units are taken from the stock under a CONFIRMED reservation, unless the
	 * sale's counters are gone altogether (then the rebuild counts the order).
	 * Idempotent: a second call finds the reservation and changes nothing.
	 * @param flashSaleId the sale
	 * @param orderId the order
	 * @param userId the buyer
	 * @param quantity units the order holds
	 * @param reservedAt when the purchase was accepted
	 * @return what the call found and did
	 */
	public AdoptOutcome adopt(long flashSaleId, String orderId, String userId, int quantity, Instant reservedAt) {
		StockKeys keys = new StockKeys(flashSaleId);
		List<?> result = this.redis.execute(ADOPT, List.of(keys.stock(), keys.bought(), keys.reservations()), orderId,
				userId, String.valueOf(quantity), String.valueOf(reservedAt.toEpochMilli()));
		String outcome = String.valueOf(result.get(0));
		String detail = String.valueOf(result.get(1));
		return switch (outcome) {
			case "EXISTS" -> new AdoptOutcome.Exists(Reservation.State.valueOf(detail));
			case "COUNTERS_LOST" -> new AdoptOutcome.CountersLost();
			case "ADOPTED" -> new AdoptOutcome.Adopted(Long.parseLong(detail));
			default -> throw new IllegalStateException("Unexpected adopt outcome " + outcome);
		};
	}

	/** Whether the sale's stock counter exists (warmed, and not lost since). */
	public boolean hasCounters(long flashSaleId) {
		return Boolean.TRUE.equals(this.redis.hasKey(new StockKeys(flashSaleId).stock()));
	}

	/**
	 * Every idempotency record of a sale: {@code userId:key} to
	 * {@code requestHash|orderId}. Once a sale is sold out this is the fixed set of
	 * purchases that may be replayed, so an instance can answer replays from memory.
	 */
	public Map<String, String> idempotencyRecords(long flashSaleId) {
		Map<Object, Object> entries = this.redis.opsForHash().entries(new StockKeys(flashSaleId).idempotency());
		Map<String, String> records = new HashMap<>(entries.size() * 2);
		entries.forEach((field, value) -> records.put(field.toString(), value.toString()));
		return records;
	}

	/**
	 * Blocks until the writes of this client reached {@code replicas} replicas, or the
	 * budget ran out ({@code WAIT}). With a shared connection this covers every write
	 * sent before it.
	 * @return the number of replicas that acknowledged
	 */
	public long awaitReplicas(int replicas, Duration budget) {
		Long acknowledged = this.redis.execute((RedisCallback<Long>) (connection) -> {
			if (!(connection.getNativeConnection() instanceof BaseRedisAsyncCommands<?, ?> commands)) {
				throw new IllegalStateException("WAIT needs a Lettuce connection");
			}
			try {
				return commands.waitForReplication(replicas, budget.toMillis())
					.get(budget.toMillis() + 1000, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 0L;
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("WAIT for " + replicas + " replicas failed", ex);
			}
		});
		return (acknowledged != null) ? acknowledged : 0;
	}

	public Optional<Reservation> reservation(long flashSaleId, String orderId) {
		Object raw = this.redis.opsForHash().get(new StockKeys(flashSaleId).reservations(), orderId);
		return Optional.ofNullable(raw).map((value) -> parse(orderId, value.toString()));
	}

	/**
	 * Reservations no order claimed, taken before the given instant.
	 * @return their order ids, oldest first, at most {@code limit}
	 */
	public List<String> unclaimedBefore(long flashSaleId, Instant before, int limit) {
		Set<String> ids = this.redis.opsForZSet()
			.rangeByScore(new StockKeys(flashSaleId).pending(), Double.NEGATIVE_INFINITY, before.toEpochMilli() - 1, 0,
					limit);
		return (ids != null) ? List.copyOf(ids) : List.of();
	}

	/** Units left in Redis, or -1 when the sale is not warmed. */
	public long remaining(long flashSaleId) {
		String value = this.redis.opsForValue().get(new StockKeys(flashSaleId).stock());
		return (value != null) ? Long.parseLong(value) : -1;
	}

	public StockSnapshot snapshot(long flashSaleId) {
		StockKeys keys = new StockKeys(flashSaleId);
		List<?> result = this.redis.execute(SNAPSHOT, List.of(keys.meta(), keys.stock(), keys.reservations()));
		List<Reservation> reservations = new ArrayList<>();
		for (int i = 2; i + 1 < result.size(); i += 2) {
			reservations.add(parse(String.valueOf(result.get(i)), String.valueOf(result.get(i + 1))));
		}
		return new StockSnapshot(flashSaleId, number(result.get(0)), number(result.get(1)), reservations);
	}

	/**
	 * Sets the stock counter and per-user holdings to what the reservation records prove.
	 * @return the counter before and after; equal when there was no drift
	 */
	public Repair repair(long flashSaleId) {
		StockKeys keys = new StockKeys(flashSaleId);
		List<?> result = this.redis.execute(REPAIR,
				List.of(keys.meta(), keys.stock(), keys.bought(), keys.reservations()));
		return new Repair(flashSaleId, number(result.get(0)), number(result.get(1)));
	}

	/**
	 * Rebuilds lost counters from the orders of record: each order becomes a CONFIRMED
	 * reservation, its units are held, the rest is stock. Reservations that were in
	 * flight when Redis was lost are gone with it; their records reach the order writer,
	 * find no reservation and get no order, so stock and orders stay equal.
	 * @param counters the sale's initial stock, window and limit
	 * @param orders the sale's orders that hold stock (pending payment or paid)
	 * @return the stock left after the rebuild, or empty when live counters exist
	 */
	public Optional<Long> rebuild(SaleCounters counters, List<Reservation> orders) {
		StockKeys keys = new StockKeys(counters.flashSaleId());
		List<String> args = new ArrayList<>(4 + orders.size() * 4);
		args.add(String.valueOf(counters.initialStock()));
		args.add(String.valueOf(counters.startsAt().toEpochMilli()));
		args.add(String.valueOf(counters.endsAt().toEpochMilli()));
		args.add(String.valueOf(counters.perUserLimit()));
		for (Reservation order : orders) {
			args.add(order.orderId());
			args.add(order.userId());
			args.add(String.valueOf(order.quantity()));
			args.add(String.valueOf(order.reservedAt().toEpochMilli()));
		}
		List<?> result = this.redis.execute(REBUILD,
				List.of(keys.meta(), keys.stock(), keys.bought(), keys.reservations()), args.toArray());
		return "REBUILT".equals(String.valueOf(result.get(0)))
				? Optional.of(Long.parseLong(String.valueOf(result.get(1)))) : Optional.empty();
	}

	/** Tells every instance the sale's stock ran out ({@code 0}) or came back (units). */
	public void announce(long flashSaleId, long remaining) {
		this.redis.convertAndSend(StockKeys.STOCK_CHANNEL, flashSaleId + ":" + remaining);
	}

	/** Removes every key of a sale; for tests and for retiring a sale. */
	public void forget(long flashSaleId) {
		this.redis.delete(new StockKeys(flashSaleId).all());
	}

	private static long number(Object value) {
		String text = String.valueOf(value);
		return text.isEmpty() ? -1 : Long.parseLong(text);
	}

	private static Optional<Reservation.State> state(String value) {
		return ("MISSING".equals(value) || value == null) ? Optional.empty()
				: Optional.of(Reservation.State.valueOf(value));
	}

	private static Reservation parse(String orderId, String json) {
		JsonNode node = JSON.readTree(json);
		return new Reservation(orderId, Reservation.State.valueOf(node.get("s").asString()), node.get("u").asString(),
				node.get("q").asInt(), Instant.ofEpochMilli(Long.parseLong(node.get("t").asString())));
	}

	/**
	 * The outcome of {@link #repair(long)}.
	 *
	 * @param flashSaleId the sale
	 * @param before the counter before, -1 when not warmed
	 * @param after the counter after, -1 when not warmed
	 */
	public record Repair(long flashSaleId, long before, long after) {

		public long drift() {
			return this.before - this.after;
		}

	}

}
