package io.flashsale.gateway.edge;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.flashsale.stock.StockKeys;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * What the gateway knows of each sale its shoppers buy from: window, per-user limit,
 * units left and, once the sale can no longer sell, the purchases that may still be
 * replayed.
 *
 * <p>
 * It learns a sale the way order-service instances do: a sale is watched from the first
 * purchase that names it, read from Redis every {@code refresh-interval} (one script per
 * sale, off the request path), and told at once of a sell-out or a restock through the
 * stock announcements order-service publishes ({@link StockKeys#STOCK_CHANNEL}). A state
 * older than {@code stale-after} (missed refreshes: Redis down) answers nothing, so the
 * purchase goes to order-service, which knows.
 *
 * <p>
 * A replay of an accepted purchase must reach its original 202. Once a sale has no stock
 * left or is over, the purchases that may be replayed are a fixed set (the idempotency
 * records), read in the same script as the stock, so the set and the stock agree. The set
 * is read again whenever the count of reservation records moved (a restock sold again
 * while an announcement was lost). A purchase whose {@code userId|key} is in the set goes
 * on to order-service.
 */
public final class SaleStates {

	private static final Logger log = LoggerFactory.getLogger(SaleStates.class);

	/** Read once: a Resource-backed script re-reads the jar on every call. */
	private static final RedisScript<List> READ = RedisScript.of(
			RedisScript.of(new ClassPathResource("io/flashsale/gateway/edge/sale-state.lua")).getScriptAsString(),
			List.class);

	/** What the gateway may answer for one purchase. */
	public enum Answer {

		/** Order-service decides. */
		PASS,
		/** 409 sold-out. */
		SOLD_OUT,
		/** 409 sale-not-active: it has not started. */
		NOT_STARTED,
		/** 409 sale-not-active: it is over. */
		ENDED

	}

	/**
	 * One sale as last read.
	 *
	 * @param startsAt window start, epoch millis
	 * @param endsAt window end, epoch millis
	 * @param perUserLimit units one shopper may hold
	 * @param remaining units left
	 * @param version count of reservation records when read
	 * @param replayable idempotency fields that may be replayed; {@code null} while the
	 * sale can sell (then nothing is answered but "not started")
	 * @param readAt when the state was read or confirmed, epoch millis
	 */
	record SaleState(long startsAt, long endsAt, int perUserLimit, long remaining, long version, Set<String> replayable,
			long readAt) {

		SaleState restocked(long units) {
			return new SaleState(this.startsAt, this.endsAt, this.perUserLimit, units, this.version, null, this.readAt);
		}

	}

	private final ReactiveStringRedisTemplate redis;

	private final EdgeProperties properties;

	private final Clock clock;

	private final Map<Long, SaleState> states = new ConcurrentHashMap<>();

	/** Sales named by purchases since the last refresh, not read yet. */
	private final Set<Long> candidates = ConcurrentHashMap.newKeySet();

	private final AtomicInteger candidateCount = new AtomicInteger();

	private final Map<Long, Long> lastAsked = new ConcurrentHashMap<>();

	private static final long ASKED_RESOLUTION_MILLIS = 1000;

	SaleStates(ReactiveStringRedisTemplate redis, EdgeProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Whether any sale could be answered here now: when none can, the filter does not
	 * even read the body.
	 * @return whether some sale's state is known
	 */
	boolean knowsAny() {
		return !this.states.isEmpty();
	}

	/**
	 * What to answer a purchase, before the buyer is known: {@link Answer#PASS} when
	 * order-service must decide whoever buys.
	 * @param flashSaleId the sale named in the body
	 * @param quantity the units asked for
	 * @return the answer if the buyer's purchase is no replay
	 */
	Answer prejudge(long flashSaleId, int quantity) {
		SaleState state = this.states.get(flashSaleId);
		long now = this.clock.millis();
		if (state == null) {
			watch(flashSaleId);
			return Answer.PASS;
		}
		Long asked = this.lastAsked.get(flashSaleId);
		if (asked == null || now - asked > ASKED_RESOLUTION_MILLIS) {
			// Forgetting works in minutes: one write a second per sale is enough, not one
			// per purchase.
			this.lastAsked.put(flashSaleId, now);
		}
		if (now - state.readAt() > this.properties.staleAfter().toMillis() || quantity > state.perUserLimit()) {
			// Stale, or an invalid quantity order-service answers 400 for.
			return Answer.PASS;
		}
		if (now < state.startsAt()) {
			return Answer.NOT_STARTED;
		}
		if (state.replayable() == null) {
			return Answer.PASS;
		}
		if (state.remaining() <= 0) {
			return Answer.SOLD_OUT;
		}
		return (now >= state.endsAt()) ? Answer.ENDED : Answer.PASS;
	}

	/**
	 * The answer for this buyer: a purchase that may be a replay goes on.
	 * @param flashSaleId the sale
	 * @param answer what {@link #prejudge} said
	 * @param idempotencyField {@code userId|key}
	 * @return the answer
	 */
	Answer judge(long flashSaleId, Answer answer, String idempotencyField) {
		if (answer == Answer.SOLD_OUT || answer == Answer.ENDED) {
			SaleState state = this.states.get(flashSaleId);
			if (state == null || state.replayable() == null || state.replayable().contains(idempotencyField)) {
				return Answer.PASS;
			}
		}
		return answer;
	}

	/**
	 * Starts watching a sale: it is read at the next refresh.
	 * @param flashSaleId the sale
	 */
	void watch(long flashSaleId) {
		if (this.states.containsKey(flashSaleId)) {
			return;
		}
		if (this.states.size() < this.properties.maxSales()
				&& this.candidateCount.get() < this.properties.maxNewSalesPerRefresh()
				&& this.candidates.add(flashSaleId)) {
			this.candidateCount.incrementAndGet();
		}
	}

	/**
	 * A stock announcement ({@code saleId:remaining}): a restock is believed at once (the
	 * sale sells again through order-service); a sell-out makes the sale read now.
	 * @param message the announcement
	 * @return completion
	 */
	Mono<Void> onAnnouncement(String message) {
		int separator = message.indexOf(':');
		if (separator < 0) {
			return Mono.empty();
		}
		long flashSaleId;
		long remaining;
		try {
			flashSaleId = Long.parseLong(message.substring(0, separator));
			remaining = Long.parseLong(message.substring(separator + 1));
		}
		catch (NumberFormatException ex) {
			return Mono.empty();
		}
		SaleState state = this.states.get(flashSaleId);
		if (state == null) {
			// A sell-out of a sale not watched yet: watch it from now on.
			return (remaining > 0) ? Mono.empty() : read(flashSaleId);
		}
		if (remaining > 0) {
			this.states.computeIfPresent(flashSaleId, (id, known) -> known.restocked(remaining));
			return Mono.empty();
		}
		return read(flashSaleId);
	}

	/**
	 * Reads every watched sale and the new candidates; forgets sales nobody asked for
	 * within {@code forget-after} and names that have no counters.
	 * @return completion
	 */
	Mono<Void> refresh() {
		Set<Long> ids = new HashSet<>(this.states.keySet());
		ids.addAll(this.candidates);
		this.candidates.removeAll(ids);
		this.candidateCount.set(this.candidates.size());
		long now = this.clock.millis();
		long forgetAfter = this.properties.forgetAfter().toMillis();
		this.lastAsked.forEach((id, asked) -> {
			if (now - asked > forgetAfter) {
				this.lastAsked.remove(id, asked);
				this.states.remove(id);
				ids.remove(id);
			}
		});
		return Flux.fromIterable(ids).flatMap(this::read, 8).then();
	}

	private Mono<Void> read(long flashSaleId) {
		StockKeys keys = new StockKeys(flashSaleId);
		SaleState known = this.states.get(flashSaleId);
		long now = this.clock.millis();
		String version = (known != null && known.replayable() != null) ? Long.toString(known.version()) : "-1";
		return this.redis
			.execute(READ, List.of(keys.meta(), keys.stock(), keys.reservations(), keys.idempotency()), version,
					Long.toString(now))
			.next()
			.timeout(this.properties.staleAfter())
			.doOnNext((values) -> update(flashSaleId, known, values, now))
			.onErrorResume((ex) -> {
				log.debug("Could not read flash sale {}; its purchases go to order-service", flashSaleId, ex);
				return Mono.empty();
			})
			.then();
	}

	private void update(long flashSaleId, SaleState known, List<?> values, long now) {
		if (values.size() < 5) {
			this.states.remove(flashSaleId);
			this.lastAsked.remove(flashSaleId);
			return;
		}
		long startsAt = number(values.get(0));
		long endsAt = number(values.get(1));
		int limit = (int) number(values.get(2));
		long remaining = number(values.get(3));
		long version = number(values.get(4));
		boolean closed = remaining <= 0 || now >= endsAt;
		Set<String> replayable = null;
		if (closed) {
			if (values.size() > 5 || known == null || known.replayable() == null || known.version() != version) {
				Set<String> fields = new HashSet<>(Math.max(16, (values.size() - 5) * 2));
				for (int i = 5; i < values.size(); i++) {
					fields.add(String.valueOf(values.get(i)));
				}
				replayable = Set.copyOf(fields);
			}
			else {
				replayable = known.replayable();
			}
		}
		this.states.put(flashSaleId, new SaleState(startsAt, endsAt, limit, remaining, version, replayable, now));
		this.lastAsked.putIfAbsent(flashSaleId, now);
	}

	private static long number(Object value) {
		return Long.parseLong(String.valueOf(value).trim());
	}

	/** For tests: the state as last read. */
	SaleState state(long flashSaleId) {
		return this.states.get(flashSaleId);
	}

}
