package io.flashsale.stock;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock-counter Lua scripts on a real redis-server (the binary embedded-redis ships).
 */
class StockScriptsIntegrationTests {

	private static final Instant START = Instant.parse("2026-11-11T00:00:00Z");

	private static final Instant END = START.plus(Duration.ofHours(1));

	private static final AtomicLong SALE_IDS = new AtomicLong(1000);

	private static RedisServer server;

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate redis;

	private StockCounters counters;

	private long saleId;

	@BeforeAll
	static void startRedis() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		server.start();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
	}

	@AfterAll
	static void stopRedis() throws IOException {
		connections.destroy();
		server.stop();
	}

	@BeforeEach
	void newSale() {
		this.counters = new StockCounters(redis);
		this.saleId = SALE_IDS.incrementAndGet();
	}

	private void warm(int stock, int limit) {
		assertThat(this.counters.warm(new SaleCounters(this.saleId, stock, START, END, limit))).isTrue();
	}

	private ReserveOutcome reserve(String user, int quantity, String key, Instant now) {
		return this.counters.reserve(new ReserveCommand(this.saleId, UUID.randomUUID().toString(), user, quantity, key,
				"hash-" + quantity, now));
	}

	private ReserveOutcome reserve(String user, int quantity) {
		return reserve(user, quantity, UUID.randomUUID().toString(), START.plusSeconds(1));
	}

	@Test
	void acceptsPurchasesFromTheFirstInstantOfTheWindowToJustBeforeItsEnd() {
		warm(10, 5);
		assertThat(reserve("a", 1, "k1", START.minusMillis(1))).isInstanceOf(ReserveOutcome.NotActive.class);
		assertThat(reserve("a", 1, "k2", START)).isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(reserve("a", 1, "k3", END.minusMillis(1))).isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(reserve("a", 1, "k4", END)).isInstanceOf(ReserveOutcome.NotActive.class);
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(8);
	}

	@Test
	void failsClosedWhenTheCountersAreNotWarmed() {
		assertThat(reserve("a", 1)).isInstanceOf(ReserveOutcome.NotWarmed.class);
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(-1);
	}

	@Test
	void neverOverwritesALiveCounterWhenWarmedAgain() {
		warm(3, 1);
		reserve("a", 1);
		assertThat(this.counters.warm(new SaleCounters(this.saleId, 3, START, END.plusSeconds(60), 1))).isFalse();
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(2);
		assertThat(reserve("b", 1, "k", END.plusSeconds(30))).as("the new end applies")
			.isInstanceOf(ReserveOutcome.Reserved.class);
	}

	@Test
	void enforcesThePerUserLimitAcrossAttempts() {
		warm(10, 2);
		assertThat(reserve("a", 1)).isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(reserve("a", 2)).isEqualTo(new ReserveOutcome.LimitExceeded(1));
		assertThat(reserve("a", 1)).isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(reserve("a", 1)).isEqualTo(new ReserveOutcome.LimitExceeded(2));
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(8);
	}

	@Test
	void refusesMoreThanIsLeft() {
		warm(2, 5);
		assertThat(reserve("a", 3)).isEqualTo(new ReserveOutcome.SoldOut(2));
		assertThat(reserve("a", 2)).isInstanceOfSatisfying(ReserveOutcome.Reserved.class,
				(reserved) -> assertThat(reserved.remaining()).isZero());
		assertThat(reserve("b", 1)).isEqualTo(new ReserveOutcome.SoldOut(0));
	}

	@Test
	void replaysTheSameRequestAndRefusesAReusedKey() {
		warm(5, 3);
		String first = UUID.randomUUID().toString();
		ReserveOutcome outcome = this.counters
			.reserve(new ReserveCommand(this.saleId, first, "a", 1, "key-1", "h1", START.plusSeconds(1)));
		assertThat(outcome).isEqualTo(new ReserveOutcome.Reserved(first, 4));
		ReserveOutcome replay = this.counters.reserve(new ReserveCommand(this.saleId, UUID.randomUUID().toString(), "a",
				1, "key-1", "h1", END.plusSeconds(1)));
		assertThat(replay).isEqualTo(new ReserveOutcome.Replayed(first));
		ReserveOutcome reused = this.counters.reserve(new ReserveCommand(this.saleId, UUID.randomUUID().toString(), "a",
				2, "key-1", "h2", START.plusSeconds(1)));
		assertThat(reused).isInstanceOf(ReserveOutcome.KeyReused.class);
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(4);
		assertThat(this.counters.reserve(new ReserveCommand(this.saleId, UUID.randomUUID().toString(), "b", 1, "key-1",
				"h1", START.plusSeconds(1))))
			.as("keys are per user")
			.isInstanceOf(ReserveOutcome.Reserved.class);
	}

	@Test
	void releasesAnUnclaimedReservationOnceAndFreesItsKeyAndLimit() {
		warm(1, 1);
		String orderId = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, orderId, "a", 1, "key-1", "h1", START.plusSeconds(1)));
		assertThat(this.counters.unclaimedBefore(this.saleId, START.plusSeconds(2), 10)).containsExactly(orderId);
		assertThat(this.counters.unclaimedBefore(this.saleId, START.plusSeconds(1), 10)).isEmpty();
		assertThat(this.counters.release(this.saleId, orderId)).isTrue();
		assertThat(this.counters.release(this.saleId, orderId)).as("second release").isFalse();
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(1);
		assertThat(this.counters.reservation(this.saleId, orderId)).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.RELEASED);
		assertThat(this.counters.unclaimedBefore(this.saleId, END, 10)).isEmpty();
		String again = UUID.randomUUID().toString();
		assertThat(this.counters
			.reserve(new ReserveCommand(this.saleId, again, "a", 1, "key-1", "h1", START.plusSeconds(3))))
			.isEqualTo(new ReserveOutcome.Reserved(again, 0));
	}

	@Test
	void neverReleasesAReservationAnOrderClaimed() {
		warm(1, 1);
		String orderId = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, orderId, "a", 1, "key-1", "h1", START.plusSeconds(1)));
		assertThat(this.counters.confirm(this.saleId, orderId)).contains(Reservation.State.CONFIRMED);
		assertThat(this.counters.confirm(this.saleId, orderId)).contains(Reservation.State.CONFIRMED);
		assertThat(this.counters.release(this.saleId, orderId)).isFalse();
		assertThat(this.counters.remaining(this.saleId)).isZero();
		assertThat(this.counters.unclaimedBefore(this.saleId, END, 10)).isEmpty();
		assertThat(this.counters.confirm(this.saleId, "unknown")).isEmpty();
	}

	@Test
	void aReleasedReservationCannotBeClaimedAnyMore() {
		warm(1, 1);
		String orderId = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, orderId, "a", 1, "key-1", "h1", START.plusSeconds(1)));
		this.counters.release(this.saleId, orderId);
		assertThat(this.counters.confirm(this.saleId, orderId)).contains(Reservation.State.RELEASED);
	}

	@Test
	void claimsABatchOfOneSaleInOneCallAndTellsEachOrdersState() {
		warm(3, 1);
		String kept = UUID.randomUUID().toString();
		String released = UUID.randomUUID().toString();
		String claimedBefore = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, kept, "a", 1, "key-a", "h1", START.plusSeconds(1)));
		this.counters.reserve(new ReserveCommand(this.saleId, released, "b", 1, "key-b", "h1", START.plusSeconds(1)));
		this.counters
			.reserve(new ReserveCommand(this.saleId, claimedBefore, "c", 1, "key-c", "h1", START.plusSeconds(1)));
		this.counters.release(this.saleId, released);
		this.counters.confirm(this.saleId, claimedBefore);

		Map<String, Optional<Reservation.State>> states = this.counters.confirmAll(this.saleId,
				List.of(kept, released, "unknown", claimedBefore, kept));

		assertThat(states).containsOnly(Map.entry(kept, Optional.of(Reservation.State.CONFIRMED)),
				Map.entry(released, Optional.of(Reservation.State.RELEASED)), Map.entry("unknown", Optional.empty()),
				Map.entry(claimedBefore, Optional.of(Reservation.State.CONFIRMED)));
		assertThat(this.counters.unclaimedBefore(this.saleId, END, 10)).isEmpty();
		assertThat(this.counters.release(this.saleId, kept)).isFalse();
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(1);
	}

	private String confirmedOrder(String user, int quantity, String key) {
		String orderId = UUID.randomUUID().toString();
		assertThat(this.counters.reserve(
				new ReserveCommand(this.saleId, orderId, user, quantity, key, "h" + quantity, START.plusSeconds(1))))
			.isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(this.counters.confirm(this.saleId, orderId)).contains(Reservation.State.CONFIRMED);
		return orderId;
	}

	@Test
	void cancelReturnsAConfirmedReservationOnceAndRestoresTheLimit() {
		warm(2, 2);
		String orderId = confirmedOrder("a", 2, "key-1");
		assertThat(reserve("b", 1)).isEqualTo(new ReserveOutcome.SoldOut(0));
		assertThat(this.counters.cancel(this.saleId, orderId)).isEqualTo(new CancelOutcome.Cancelled(2, 2));
		assertThat(this.counters.cancel(this.saleId, orderId)).as("second cancel")
			.isEqualTo(new CancelOutcome.Unchanged(Reservation.State.CANCELLED));
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(2);
		assertThat(this.counters.reservation(this.saleId, orderId)).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.CANCELLED);
		assertThat(redis.opsForHash().hasKey(new StockKeys(this.saleId).bought(), "a")).as("holding removed at 0")
			.isFalse();
		StockSnapshot snapshot = this.counters.snapshot(this.saleId);
		assertThat(snapshot.held()).as("a cancelled reservation holds nothing").isZero();
		assertThat(this.counters.repair(this.saleId).drift()).isZero();
		assertThat(this.counters.release(this.saleId, orderId)).as("release leaves it alone").isFalse();
		assertThat(this.counters.confirm(this.saleId, orderId)).contains(Reservation.State.CANCELLED);
		assertThat(this.counters
			.reserve(new ReserveCommand(this.saleId, "retry", "a", 2, "key-1", "h2", START.plusSeconds(2))))
			.as("the old key replays the cancelled order")
			.isEqualTo(new ReserveOutcome.Replayed(orderId));
		assertThat(reserve("a", 2)).as("the limit is restored").isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(this.counters.remaining(this.saleId)).isZero();
	}

	@Test
	void cancelLeavesReservedReleasedAndMissingReservationsUntouched() {
		warm(5, 5);
		String reserved = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, reserved, "a", 1, "k1", "h1", START.plusSeconds(1)));
		String released = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, released, "b", 2, "k2", "h2", START.plusSeconds(1)));
		this.counters.release(this.saleId, released);
		StockSnapshot before = this.counters.snapshot(this.saleId);

		assertThat(this.counters.cancel(this.saleId, reserved))
			.isEqualTo(new CancelOutcome.Unchanged(Reservation.State.RESERVED));
		assertThat(this.counters.cancel(this.saleId, released))
			.isEqualTo(new CancelOutcome.Unchanged(Reservation.State.RELEASED));
		assertThat(this.counters.cancel(this.saleId, "unknown")).isEqualTo(new CancelOutcome.Missing());

		assertThat(this.counters.snapshot(this.saleId)).isEqualTo(before);
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(4);
		assertThat(this.counters.unclaimedBefore(this.saleId, END, 10)).as("still the reaper's")
			.containsExactly(reserved);
		assertThat(redis.opsForHash().get(new StockKeys(this.saleId).bought(), "a")).isEqualTo("1");
		assertThat(this.counters.reservation(this.saleId, "unknown")).isEmpty();
	}

	@Test
	void cancelNeverCreatesAStockCounterThatIsGone() {
		warm(3, 3);
		String orderId = confirmedOrder("a", 1, "k1");
		redis.delete(new StockKeys(this.saleId).stock());
		assertThat(this.counters.cancel(this.saleId, orderId)).isEqualTo(new CancelOutcome.NotWarmed());
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(-1);
		assertThat(this.counters.reservation(this.saleId, orderId)).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.CONFIRMED);
	}

	/**
	 * One order of 3 units, 50 concurrent cancels on 16 threads: exactly one returns
	 * them.
	 */
	@Test
	void returnsACancelledOrdersUnitsExactlyOnceUnderConcurrency() throws Exception {
		warm(10, 5);
		String orderId = confirmedOrder("a", 3, "k1");
		confirmedOrder("b", 2, "k2");
		List<Callable<CancelOutcome>> cancels = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			cancels.add(() -> this.counters.cancel(this.saleId, orderId));
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<CancelOutcome> outcomes = new ArrayList<>();
		try {
			for (Future<CancelOutcome> outcome : pool.invokeAll(cancels)) {
				outcomes.add(outcome.get());
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(outcomes).filteredOn(CancelOutcome.Cancelled.class::isInstance)
			.singleElement()
			.isEqualTo(new CancelOutcome.Cancelled(3, 8));
		assertThat(outcomes).filteredOn(new CancelOutcome.Unchanged(Reservation.State.CANCELLED)::equals).hasSize(49);
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(8);
		assertThat(this.counters.snapshot(this.saleId).held()).isEqualTo(2);
		assertThat(this.counters.repair(this.saleId).drift()).isZero();
	}

	@Test
	void aCancelSaysWhetherItEndedASellOut() {
		warm(2, 1);
		String first = confirmedOrder("a", 1, "k1");
		assertThat(this.counters.cancel(this.saleId, first)).isInstanceOfSatisfying(CancelOutcome.Cancelled.class,
				(cancelled) -> assertThat(cancelled.restocked()).isFalse());
		String second = confirmedOrder("b", 1, "k2");
		confirmedOrder("c", 1, "k3");
		assertThat(this.counters.remaining(this.saleId)).isZero();
		assertThat(this.counters.cancel(this.saleId, second)).isInstanceOfSatisfying(CancelOutcome.Cancelled.class,
				(cancelled) -> assertThat(cancelled.restocked()).isTrue());
	}

	@Test
	void repairsAStockCounterThatDriftedFromItsReservations() {
		warm(10, 5);
		reserve("a", 2);
		reserve("b", 3);
		StockSnapshot snapshot = this.counters.snapshot(this.saleId);
		assertThat(snapshot.initialStock()).isEqualTo(10);
		assertThat(snapshot.remaining()).isEqualTo(5);
		assertThat(snapshot.held()).isEqualTo(5);
		assertThat(this.counters.repair(this.saleId)).isEqualTo(new StockCounters.Repair(this.saleId, 5, 5));
		redis.opsForValue().set(new StockKeys(this.saleId).stock(), "7");
		redis.opsForHash().delete(new StockKeys(this.saleId).bought(), "a");
		assertThat(this.counters.repair(this.saleId).drift()).isEqualTo(2);
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(5);
		assertThat(reserve("a", 4)).as("a's holding was rebuilt").isEqualTo(new ReserveOutcome.LimitExceeded(2));
	}

	@Test
	void rebuildsLostCountersFromTheOrdersOfRecordButNeverOverLiveOnes() {
		warm(10, 2);
		SaleCounters counters = new SaleCounters(this.saleId, 10, START, END, 2);
		assertThat(this.counters.rebuild(counters, List.of())).as("live counters").isEmpty();
		this.counters.forget(this.saleId);
		List<Reservation> orders = List.of(
				new Reservation("o-1", Reservation.State.CONFIRMED, "a", 2, START.plusSeconds(1)),
				new Reservation("o-2", Reservation.State.CONFIRMED, "b", 1, START.plusSeconds(2)));
		assertThat(this.counters.rebuild(counters, orders)).contains(7L);
		StockSnapshot snapshot = this.counters.snapshot(this.saleId);
		assertThat(snapshot.initialStock()).isEqualTo(10);
		assertThat(snapshot.remaining()).isEqualTo(7);
		assertThat(snapshot.reservations()).extracting(Reservation::state).containsOnly(Reservation.State.CONFIRMED);
		assertThat(this.counters.release(this.saleId, "o-1")).as("an order's units stay held").isFalse();
		assertThat(reserve("a", 1)).as("a's holding was rebuilt").isEqualTo(new ReserveOutcome.LimitExceeded(2));
		assertThat(reserve("b", 1)).isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(this.counters.repair(this.saleId).drift()).isZero();
	}

	/** 400 buyers, 50 units, limit 1, 16 threads: exactly 50 reservations, stock 0. */
	@Test
	void neverSellsMoreThanTheStockUnderConcurrency() throws Exception {
		warm(50, 1);
		List<Callable<ReserveOutcome>> buyers = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String user = "buyer-" + i;
			buyers.add(() -> reserve(user, 1));
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		long reserved = 0;
		long soldOut = 0;
		try {
			for (Future<ReserveOutcome> outcome : pool.invokeAll(buyers)) {
				if (outcome.get() instanceof ReserveOutcome.Reserved) {
					reserved++;
				}
				else if (outcome.get() instanceof ReserveOutcome.SoldOut) {
					soldOut++;
				}
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(reserved).isEqualTo(50);
		assertThat(soldOut).isEqualTo(350);
		StockSnapshot snapshot = this.counters.snapshot(this.saleId);
		assertThat(snapshot.remaining()).isZero();
		assertThat(snapshot.reservations()).hasSize(50);
		assertThat(snapshot.reservations()).extracting(Reservation::userId).doesNotHaveDuplicates();
	}

	@Test
	void adoptsAnAcknowledgedOrderWhoseReservationWasLostByTakingItsUnits() {
		warm(5, 2);
		String orderId = UUID.randomUUID().toString();
		assertThat(this.counters.adopt(this.saleId, orderId, "lost", 2, START.plusSeconds(1)))
			.isEqualTo(new AdoptOutcome.Adopted(3));
		assertThat(this.counters.reservation(this.saleId, orderId)).get()
			.extracting(Reservation::state, Reservation::quantity)
			.containsExactly(Reservation.State.CONFIRMED, 2);
		assertThat(reserve("lost", 1)).as("the adopted units count against the limit")
			.isEqualTo(new ReserveOutcome.LimitExceeded(2));
		assertThat(this.counters.adopt(this.saleId, orderId, "lost", 2, START.plusSeconds(1))).as("idempotent")
			.isEqualTo(new AdoptOutcome.Exists(Reservation.State.CONFIRMED));
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(3);
		assertThat(this.counters.repair(this.saleId).drift()).isZero();
	}

	@Test
	void adoptsNothingWhenTheCountersAreGoneSoTheRebuildCountsTheOrder() {
		String orderId = UUID.randomUUID().toString();
		assertThat(this.counters.adopt(this.saleId, orderId, "lost", 1, START))
			.isEqualTo(new AdoptOutcome.CountersLost());
		assertThat(this.counters.reservation(this.saleId, orderId)).isEmpty();
		assertThat(this.counters.hasCounters(this.saleId)).isFalse();
	}

	@Test
	void reportsAnAdoptionThatOversoldAfterADataLoss() {
		warm(1, 1);
		assertThat(reserve("a", 1)).isInstanceOf(ReserveOutcome.Reserved.class);
		AdoptOutcome outcome = this.counters.adopt(this.saleId, UUID.randomUUID().toString(), "b", 1, START);
		assertThat(outcome).isEqualTo(new AdoptOutcome.Adopted(-1));
		assertThat(((AdoptOutcome.Adopted) outcome).oversold()).isTrue();
	}

	@Test
	void countsNoReplicaOnAStandaloneServerWithinTheWaitBudget() {
		warm(1, 1);
		assertThat(this.counters.awaitReplicas(0, Duration.ofMillis(50))).isZero();
		assertThat(this.counters.awaitReplicas(1, Duration.ofMillis(50))).isZero();
	}

	@Test
	void listsTheIdempotencyRecordsOfASoldOutSale() {
		warm(2, 1);
		String first = UUID.randomUUID().toString();
		this.counters.reserve(new ReserveCommand(this.saleId, first, "a", 1, "key-a", "h1", START.plusSeconds(1)));
		this.counters.reserve(new ReserveCommand(this.saleId, UUID.randomUUID().toString(), "b", 1, "key-b", "h1",
				START.plusSeconds(1)));
		assertThat(this.counters.idempotencyRecords(this.saleId)).hasSize(2).containsEntry("a|key-a", "h1|" + first);
	}

	@Test
	void keepsAReservationWhoseHandOffWasRenewedAfterTheReapersCutoff() {
		warm(3, 1);
		String orderId = UUID.randomUUID().toString();
		Instant taken = START.plusSeconds(1);
		this.counters.reserve(new ReserveCommand(this.saleId, orderId, "a", 1, "key-renew", "h1", taken));
		Instant cutoff = taken.plusSeconds(30);
		// A replay sends the record again after the reaper chose its cutoff.
		assertThat(this.counters.renewHandOff(this.saleId, orderId, cutoff.plusMillis(1))).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.RESERVED);
		assertThat(this.counters.releaseIfHandedOffBefore(this.saleId, orderId, cutoff)).isFalse();
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(2);
		assertThat(this.counters.releaseIfHandedOffBefore(this.saleId, orderId, cutoff.plusSeconds(1))).isTrue();
		assertThat(this.counters.remaining(this.saleId)).isEqualTo(3);
		assertThat(this.counters.renewHandOff(this.saleId, orderId, cutoff.plusSeconds(2))).get()
			.extracting(Reservation::state)
			.as("a released reservation is not renewed")
			.isEqualTo(Reservation.State.RELEASED);
		assertThat(this.counters.renewHandOff(this.saleId, "none", cutoff)).isEmpty();
	}

}
