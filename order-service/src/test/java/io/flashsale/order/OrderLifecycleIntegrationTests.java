package io.flashsale.order;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPaid;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.contracts.order.PaymentRejected;
import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.contracts.payment.PaymentRefunded;
import io.flashsale.order.cancellation.PayDeadlines;
import io.flashsale.order.orders.OrderIds;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order lifecycle on real Redis, Kafka and MariaDB: PENDING_PAYMENT → PAID |
 * CANCELLED by conditional updates, the events each winner publishes through the outbox
 * (counted on the orders topic), the delayed-cancel queue, passive cancel, the shopper's
 * cancel and the payment consumer with its dead letters.
 */
@IntegrationTest
class OrderLifecycleIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000_001, 2_000_000) * 1000);

	private final TestService service;

	@Autowired
	ConsumerFactory<String, String> consumers;

	@Autowired
	PayDeadlines deadlines;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MeterRegistry meters;

	private final TestOrders orders;

	OrderLifecycleIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
		this.orders = this.service.testOrders();
	}

	@BeforeEach
	void paymentConsumerAssigned() throws Exception {
		// The payment consumer must own its partitions before deadlines start to run.
		TestSales.await(
				() -> this.listeners.getListenerContainer("order-service.payments").getAssignedPartitions().size() == 3,
				"the payment consumer is assigned the payments topic");
	}

	/**
	 * 200 orders with a 2 s pay timeout; 120 are paid by {@code PaymentSucceeded} as soon
	 * as they are written, 80 are left to their deadline.
	 */
	@Test
	void cancelsExactlyTheUnpaidOrdersAtTheirDeadline() throws Exception {
		long sale = schedule(200, 2);
		double gmvBefore = counter("flashsale.gmv", null);
		try (TopicTap topic = new TopicTap(this.consumers, Topics.ORDERS)) {
			long started = System.nanoTime();
			List<String> ids = this.orders.place(sale, "deadline-" + sale, 200, 2);
			Set<String> toPay = new HashSet<>(ids.subList(0, 120));
			Set<String> unpaid = new HashSet<>(ids.subList(120, 200));
			Set<String> paymentsSent = new HashSet<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (paymentsSent.size() < 120 && System.nanoTime() < deadline) {
				for (String written : this.service.jdbc()
					.queryForList("SELECT id FROM orders WHERE flash_sale_id = ?", String.class, sale)) {
					if (toPay.contains(written) && paymentsSent.add(written)) {
						this.orders.pay(written, "pay-" + written, ownerOf(ids, written, "deadline-" + sale));
					}
				}
				Thread.sleep(20);
			}
			assertThat(paymentsSent).hasSize(120);
			long paymentsSentMillis = (System.nanoTime() - started) / 1_000_000;

			awaitTrue(() -> count(sale, "PAID") == 120 && count(sale, "CANCELLED") == 80, "120 paid and 80 cancelled");
			Set<String> all = new HashSet<>(ids);
			topic.await(
					(records) -> ofType(records, all, OrderPaid.class).size() == 120
							&& ofType(records, all, OrderCancelled.class).size() == 80,
					"120 OrderPaid and 80 OrderCancelled");
			List<ConsumerRecord<String, String>> records = topic.drain(Duration.ofSeconds(2));

			assertThat(keys(ofType(records, all, OrderPaid.class))).containsExactlyInAnyOrderElementsOf(toPay);
			assertThat(keys(ofType(records, all, OrderCancelled.class))).containsExactlyInAnyOrderElementsOf(unpaid);
			assertThat(ofType(records, all, OrderCancelled.class))
				.extracting((record) -> TopicTap.payload(this.service.events(), record, OrderCancelled.class).reason())
				.containsOnly(OrderCancelled.EXPIRED);
			assertThat(keys(ofType(records, all, OrderPlaced.class))).containsExactlyInAnyOrderElementsOf(all);
			assertThat(ofType(records, all, PaymentRejected.class)).as("every payment came before its deadline")
				.isEmpty();
			assertThat(this.service.jdbc()
				.queryForList("SELECT cancel_reason FROM orders WHERE flash_sale_id = ? AND status = 'CANCELLED'",
						String.class, sale))
				.containsOnly(OrderCancelled.EXPIRED);
			assertThat(ids).noneMatch(this.deadlines::isQueued);
			// The screen's GMV agrees with the records: the sum of the paid orders'
			// totals.
			Long paidCents = this.service.jdbc()
				.queryForObject("SELECT SUM(total_cents) FROM orders WHERE flash_sale_id = ? AND status = 'PAID'",
						Long.class, sale);
			assertThat(paidCents).isPositive();
			// Counted after each commit: wait for the last one.
			awaitTrue(() -> counter("flashsale.gmv", null) - gmvBefore >= paidCents, "GMV counted");
			assertThat(counter("flashsale.gmv", null) - gmvBefore).as("GMV counted for the 120 paid orders")
				.isEqualTo(paidCents.doubleValue());
			System.out.printf(
					"MEASURED deadline queue: 200 orders, 120 paid, 80 expired; payments sent %d ms "
							+ "after the first reservation; all settled %d ms after it%n",
					paymentsSentMillis, (System.nanoTime() - started) / 1_000_000);
		}
	}

	/** 1,000 due orders on a queue of their own, two claimers racing 25 at a time. */
	@Test
	void claimsEveryDueOrderExactlyOnceAcrossRacingClaimers() throws Exception {
		PayDeadlines queue = new PayDeadlines(this.redis, "fs:pay-deadlines:test-" + UUID.randomUUID());
		Instant due = Instant.now().minusSeconds(5);
		List<String> members = IntStream.range(0, 1000).mapToObj((i) -> "claim-" + i).toList();
		for (String member : members) {
			queue.reschedule(member, due.plusMillis(members.indexOf(member) % 50));
		}
		queue.reschedule("not-due-yet", Instant.now().plusSeconds(3600));
		Map<String, Integer> claims = new ConcurrentHashMap<>();
		List<Integer> perClaimer = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> claimers = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				claimers.add(pool.submit(() -> {
					start.await();
					int mine = 0;
					List<String> batch;
					do {
						batch = queue.claimDue(Instant.now(), 25);
						batch.forEach((member) -> claims.merge(member, 1, Integer::sum));
						mine += batch.size();
					}
					while (!batch.isEmpty());
					return mine;
				}));
			}
			start.countDown();
			for (Future<Integer> claimer : claimers) {
				perClaimer.add(claimer.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(claims.keySet()).containsExactlyInAnyOrderElementsOf(members);
		assertThat(claims.values()).containsOnly(1);
		assertThat(perClaimer.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
		assertThat(queue.isQueued("not-due-yet")).isTrue();
		assertThat(members).noneMatch(queue::isQueued);
		System.out.printf("MEASURED atomic claim: 1000 members, claimers took %s%n", perClaimer);
		queue.remove("not-due-yet");
	}

	/**
	 * 1,000 orders; for each, the shopper's cancel and a {@code PaymentSucceeded} go out
	 * at the same time (payments from one producer thread, cancels from 16 client
	 * threads, both in the same order).
	 */
	@Test
	void settlesEveryPayVersusCancelRaceOneWay() throws Exception {
		long sale = schedule(1000, 900);
		String buyers = "racer-" + sale;
		List<String> ids = this.orders.place(sale, buyers, 1000, 900);
		awaitTrue(() -> count(sale, "PENDING_PAYMENT") == 1000, "1000 orders written");
		Map<String, Integer> answers = new ConcurrentHashMap<>();
		try (TopicTap topic = new TopicTap(this.consumers, Topics.ORDERS)) {
			ExecutorService pool = Executors.newFixedThreadPool(17);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<?>> tasks = new ArrayList<>();
				tasks.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < ids.size(); i++) {
						this.orders.pay(ids.get(i), "pay-" + ids.get(i), buyers + "-" + i);
					}
					return null;
				}));
				for (int i = ids.size() - 1; i >= 0; i--) {
					String orderId = ids.get(i);
					String token = this.service.tokens().user(buyers + "-" + i);
					tasks.add(pool.submit(() -> {
						start.await();
						answers.put(orderId, send(post(token, "/api/orders/" + orderId + "/cancel")).status());
						return null;
					}));
				}
				start.countDown();
				for (Future<?> task : tasks) {
					task.get(120, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			awaitTrue(() -> count(sale, "PAID") + count(sale, "CANCELLED") == 1000, "every race settled");
			Set<String> paid = new HashSet<>(idsWithStatus(sale, "PAID"));
			Set<String> cancelled = new HashSet<>(idsWithStatus(sale, "CANCELLED"));
			Set<String> all = new HashSet<>(ids);
			topic.await(
					(records) -> ofType(records, all, OrderPaid.class).size()
							+ ofType(records, all, OrderCancelled.class).size() == 1000
							&& ofType(records, all, PaymentRejected.class).size() == cancelled.size(),
					"one OrderPaid or OrderCancelled per order, one PaymentRejected per cancelled order");
			List<ConsumerRecord<String, String>> records = topic.drain(Duration.ofSeconds(2));

			assertThat(paid.size() + cancelled.size()).isEqualTo(1000);
			assertThat(keys(ofType(records, all, OrderPaid.class))).containsExactlyInAnyOrderElementsOf(paid);
			assertThat(keys(ofType(records, all, OrderCancelled.class))).containsExactlyInAnyOrderElementsOf(cancelled);
			List<ConsumerRecord<String, String>> rejected = ofType(records, all, PaymentRejected.class);
			assertThat(keys(rejected)).containsExactlyInAnyOrderElementsOf(cancelled);
			assertThat(rejected)
				.extracting((record) -> TopicTap.payload(this.service.events(), record, PaymentRejected.class))
				.allSatisfy((rejection) -> {
					assertThat(rejection.reason()).isEqualTo(PaymentRejected.ORDER_CANCELLED);
					assertThat(rejection.paymentId()).isEqualTo("pay-" + rejection.orderId());
				});
			assertThat(paid).allSatisfy((id) -> assertThat(answers.get(id)).isEqualTo(409));
			assertThat(cancelled).allSatisfy((id) -> assertThat(answers.get(id)).isEqualTo(200));
			assertThat(ids).noneMatch(this.deadlines::isQueued);
			assertThat(paid).as("both sides won some races").isNotEmpty();
			assertThat(cancelled).as("both sides won some races").isNotEmpty();
			System.out.printf("MEASURED pay-versus-cancel: 1000 races, %d paid, %d cancelled, %d PaymentRejected%n",
					paid.size(), cancelled.size(), rejected.size());
		}
	}

	/**
	 * One {@code PaymentSucceeded} record delivered 10 times (5 sends at once, then 5 one
	 * by one), a second payment for the paid order, and a payment of the wrong amount.
	 */
	@Test
	void appliesARepeatedPaymentOnceAndRefusesOtherPayments() throws Exception {
		long sale = schedule(5, 900);
		String buyers = "payer-" + sale;
		List<String> ids = this.orders.place(sale, buyers, 2, 900);
		String order = ids.get(0);
		String other = ids.get(1);
		awaitTrue(() -> count(sale, "PENDING_PAYMENT") == 2, "2 orders written");
		double paidBefore = counter("flashsale.orders.paid", null);
		double alreadyPaidBefore = counter("flashsale.orders.payments.rejected", PaymentRejected.ALREADY_PAID);
		double mismatchBefore = counter("flashsale.orders.payments.rejected", PaymentRejected.AMOUNT_MISMATCH);
		try (TopicTap topic = new TopicTap(this.consumers, Topics.ORDERS)) {
			String payment = this.orders.paymentRecord("pay-first", order, buyers + "-0", TestSales.PRICE_CENTS);
			ExecutorService pool = Executors.newFixedThreadPool(5);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<?>> sends = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					sends.add(pool.submit(() -> {
						start.await();
						return this.orders.sendPayment(order, payment).get(10, TimeUnit.SECONDS);
					}));
				}
				start.countDown();
				for (Future<?> sent : sends) {
					sent.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			for (int i = 0; i < 5; i++) {
				this.orders.sendPayment(order, payment).get(10, TimeUnit.SECONDS);
			}
			awaitTrue(() -> "PAID".equals(status(order)), "the order is paid");
			this.orders.pay(order, "pay-second", buyers + "-0").get(10, TimeUnit.SECONDS);
			this.orders
				.sendPayment(other,
						this.orders.paymentRecord("pay-short", other, buyers + "-1", TestSales.PRICE_CENTS - 1))
				.get(10, TimeUnit.SECONDS);

			Set<String> both = Set.of(order, other);
			topic.await((records) -> ofType(records, both, PaymentRejected.class).size() == 2, "two payments refused");
			List<ConsumerRecord<String, String>> records = topic.drain(Duration.ofSeconds(2));
			List<ConsumerRecord<String, String>> paidEvents = ofType(records, both, OrderPaid.class);
			assertThat(paidEvents).hasSize(1);
			assertThat(TopicTap.payload(this.service.events(), paidEvents.get(0), OrderPaid.class))
				.satisfies((paid) -> {
					assertThat(paid.orderId()).isEqualTo(order);
					assertThat(paid.paymentId()).isEqualTo("pay-first");
					assertThat(paid.totalCents()).isEqualTo(TestSales.PRICE_CENTS);
				});
			assertThat(ofType(records, both, PaymentRejected.class))
				.extracting((record) -> TopicTap.payload(this.service.events(), record, PaymentRejected.class))
				.extracting((rejected) -> rejected.orderId() + " " + rejected.paymentId() + " " + rejected.reason())
				.containsExactlyInAnyOrder(order + " pay-second " + PaymentRejected.ALREADY_PAID,
						other + " pay-short " + PaymentRejected.AMOUNT_MISMATCH);
			assertThat(status(other)).isEqualTo("PENDING_PAYMENT");
			Response view = send(get(this.service.tokens().user(buyers + "-0"), "/api/orders/" + order));
			assertThat(view.body()).contains("\"status\":\"PAID\"", "\"paymentId\":\"pay-first\"", "\"paidAt\":\"");
			assertThat(this.deadlines.isQueued(order)).isFalse();
			assertThat(this.deadlines.isQueued(other)).isTrue();
			assertThat(counter("flashsale.orders.paid", null) - paidBefore).isEqualTo(1);
			assertThat(counter("flashsale.orders.payments.rejected", PaymentRejected.ALREADY_PAID) - alreadyPaidBefore)
				.isEqualTo(1);
			assertThat(counter("flashsale.orders.payments.rejected", PaymentRejected.AMOUNT_MISMATCH) - mismatchBefore)
				.isEqualTo(1);
		}
	}

	/** The payment outruns the order writer: it is retried until the order exists. */
	@Test
	void retriesAPaymentForAnOrderThatIsNotWrittenYet() throws Exception {
		long sale = schedule(5, 900);
		String orderId = OrderIds.next(sale);
		Instant now = Instant.now();
		this.service.counters()
			.reserve(new ReserveCommand(sale, orderId, "early-payer", 1, "key-early-payer", "h", now));
		this.orders.pay(orderId, "pay-early", "early-payer").get(10, TimeUnit.SECONDS);
		// Let the consumer meet the missing order at least once before it is written.
		Thread.sleep(500);
		assertThat(status(orderId)).isNull();
		OrderReserved reserved = new OrderReserved(orderId, sale, TestSales.SKU, "early-payer", 1,
				TestSales.PRICE_CENTS, now, 900);
		this.service.kafka()
			.send(Topics.ORDER_RESERVATIONS, orderId, this.service.events().write(orderId, reserved, now))
			.get(10, TimeUnit.SECONDS);
		awaitTrue(() -> "PAID".equals(status(orderId)), "paid once written");
	}

	/**
	 * Unreadable, invalid and unknown-order payments go to the dead-letter topic with
	 * their reason; a valid payment behind them on the same partition still applies, and
	 * a {@code PaymentRefunded} on the topic is skipped.
	 */
	@Test
	void deadLettersPoisonPaymentsAndKeepsConsuming() throws Exception {
		long sale = schedule(5, 900);
		String buyers = "poison-" + sale;
		String orderId = this.orders.place(sale, buyers, 1, 900).get(0);
		awaitTrue(() -> "PENDING_PAYMENT".equals(status(orderId)), "order written");
		String ghost = OrderIds.next(sale);
		try (TopicTap deadLetters = new TopicTap(this.consumers, Topics.deadLetter(Topics.PAYMENTS))) {
			this.service.kafka().send(Topics.PAYMENTS, orderId, "not json").get(10, TimeUnit.SECONDS);
			this.orders.sendPayment(orderId, this.orders.paymentRecord("pay-negative", orderId, buyers + "-0", -5))
				.get(10, TimeUnit.SECONDS);
			this.orders.pay(ghost, "pay-ghost", buyers + "-0").get(10, TimeUnit.SECONDS);
			Instant now = Instant.now();
			this.service.kafka()
				.send(Topics.PAYMENTS, orderId,
						this.service.events()
							.write(orderId,
									new PaymentRefunded("pay-other", orderId, buyers + "-0", "sandbox",
											TestSales.PRICE_CENTS, "reconciliation", now),
									now))
				.get(10, TimeUnit.SECONDS);
			this.orders.pay(orderId, "pay-good", buyers + "-0").get(10, TimeUnit.SECONDS);

			awaitTrue(() -> "PAID".equals(status(orderId)), "the valid payment applied");
			deadLetters.await((records) -> records.size() >= 3, "three dead letters");
			List<ConsumerRecord<String, String>> letters = deadLetters.drain(Duration.ofSeconds(1));
			Map<String, String> reasonByValue = new HashMap<>();
			for (ConsumerRecord<String, String> letter : letters) {
				Header reason = letter.headers().lastHeader(DeadLetters.REASON_HEADER);
				assertThat(reason).as("reason header").isNotNull();
				reasonByValue.put(letter.value(), new String(reason.value(), StandardCharsets.UTF_8));
			}
			assertThat(letters).hasSize(3);
			assertThat(reasonByValue).containsEntry("not json", "unreadable");
			assertThat(reasonByValue.entrySet()).anySatisfy((entry) -> {
				assertThat(entry.getKey()).contains("pay-negative");
				assertThat(entry.getValue()).isEqualTo("invalid");
			});
			assertThat(reasonByValue.entrySet()).anySatisfy((entry) -> {
				assertThat(entry.getKey()).contains("pay-ghost");
				assertThat(entry.getValue()).isEqualTo("unknown-order");
			});
			assertThat(this.service.jdbc()
				.queryForObject("SELECT payment_id FROM orders WHERE id = ?", String.class, orderId))
				.isEqualTo("pay-good");
		}
	}

	/** The batch writer dead-letters what it cannot read and writes the rest. */
	@Test
	void deadLettersAnUnreadableReservationAndWritesTheNextOrder() throws Exception {
		long sale = schedule(5, 900);
		try (TopicTap deadLetters = new TopicTap(this.consumers, Topics.deadLetter(Topics.ORDER_RESERVATIONS))) {
			String key = OrderIds.next(sale);
			this.service.kafka().send(Topics.ORDER_RESERVATIONS, key, "not a reservation").get(10, TimeUnit.SECONDS);
			String orderId = this.orders.place(sale, "after-poison-" + sale, 1, 900).get(0);
			awaitTrue(() -> "PENDING_PAYMENT".equals(status(orderId)), "the next order written");
			ConsumerRecord<String, String> letter = deadLetters
				.await((records) -> !records.isEmpty(), "the unreadable record dead-lettered")
				.get(0);
			assertThat(letter.key()).isEqualTo(key);
			assertThat(letter.value()).isEqualTo("not a reservation");
			assertThat(
					new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
				.isEqualTo("unreadable");
			assertThat(this.deadlines.isQueued(orderId)).isTrue();
		}
	}

	@Test
	void letsOnlyTheOwnerCancelAnUnpaidOrder() throws Exception {
		long sale = schedule(10, 900);
		String buyers = "canceller-" + sale;
		List<String> ids = this.orders.place(sale, buyers, 2, 900);
		String unpaid = ids.get(0);
		String paid = ids.get(1);
		String owner = this.service.tokens().user(buyers + "-0");
		awaitTrue(() -> count(sale, "PENDING_PAYMENT") == 2, "2 orders written");
		double cancelledBefore = counter("flashsale.orders.cancelled", OrderCancelled.SHOPPER);
		try (TopicTap topic = new TopicTap(this.consumers, Topics.ORDERS)) {
			Response stranger = send(post(this.service.tokens().user("stranger"), "/api/orders/" + unpaid + "/cancel"));
			assertThat(stranger.status()).isEqualTo(404);
			assertThat(stranger.body()).contains("\"code\":\"order-not-found\"");
			assertThat(status(unpaid)).isEqualTo("PENDING_PAYMENT");

			Response cancelled = send(post(owner, "/api/orders/" + unpaid + "/cancel"));
			assertThat(cancelled.status()).isEqualTo(200);
			assertThat(cancelled.body()).contains("\"status\":\"CANCELLED\"", "\"cancelReason\":\"shopper\"",
					"\"cancelledAt\":\"");
			Response again = send(post(owner, "/api/orders/" + unpaid + "/cancel"));
			assertThat(again.status()).isEqualTo(200);
			assertThat(again.body()).isEqualTo(cancelled.body());
			assertThat(send(get(owner, "/api/orders/" + unpaid)).body()).contains("\"status\":\"CANCELLED\"");
			assertThat(this.deadlines.isQueued(unpaid)).isFalse();

			this.orders.pay(paid, "pay-" + paid, buyers + "-1").get(10, TimeUnit.SECONDS);
			awaitTrue(() -> "PAID".equals(status(paid)), "paid");
			Response notCancellable = send(
					post(this.service.tokens().user(buyers + "-1"), "/api/orders/" + paid + "/cancel"));
			assertThat(notCancellable.status()).isEqualTo(409);
			assertThat(notCancellable.body()).contains("\"code\":\"order-not-cancellable\"");

			String processing = OrderIds.next(sale);
			this.service.counters()
				.reserve(new ReserveCommand(sale, processing, "waiting", 1, "key-waiting", "h", Instant.now()));
			Response early = send(post(this.service.tokens().user("waiting"), "/api/orders/" + processing + "/cancel"));
			assertThat(early.status()).isEqualTo(409);
			assertThat(early.body()).contains("\"code\":\"order-processing\"");
			assertThat(send(post(owner, "/api/orders/" + OrderIds.next(sale) + "/cancel")).status()).isEqualTo(404);
			assertThat(send(post(owner, "/api/orders/not-an-id/cancel")).status()).isEqualTo(400);

			Set<String> both = Set.of(unpaid, paid);
			topic.await(
					(records) -> ofType(records, both, OrderCancelled.class).size() == 1
							&& ofType(records, both, OrderPaid.class).size() == 1,
					"one cancel and one payment published");
			List<ConsumerRecord<String, String>> records = topic.drain(Duration.ofSeconds(1));
			assertThat(ofType(records, both, OrderCancelled.class)).singleElement()
				.satisfies((record) -> assertThat(TopicTap.payload(this.service.events(), record, OrderCancelled.class))
					.satisfies((event) -> {
						assertThat(event.orderId()).isEqualTo(unpaid);
						assertThat(event.reason()).isEqualTo(OrderCancelled.SHOPPER);
						assertThat(event.userId()).isEqualTo(buyers + "-0");
						assertThat(event.quantity()).isEqualTo(1);
					}));
			assertThat(counter("flashsale.orders.cancelled", OrderCancelled.SHOPPER) - cancelledBefore).isEqualTo(1);
		}
	}

	/**
	 * Two orders past their 2 s deadline that the queue lost (removed from it): reading
	 * one, or listing the other's owner's orders, cancels it.
	 */
	@Test
	void cancelsAnOverdueOrderWhenItIsRead() throws Exception {
		long sale = schedule(10, 2);
		String buyers = "reader-" + sale;
		List<String> ids = this.orders.place(sale, buyers, 2, 2);
		awaitTrue(() -> count(sale, "PENDING_PAYMENT") == 2, "2 orders written");
		ids.forEach(this.deadlines::remove);
		Instant deadline = this.service.jdbc()
			.queryForObject("SELECT MAX(pay_deadline) FROM orders WHERE flash_sale_id = ?", java.sql.Timestamp.class,
					sale)
			.toInstant();
		awaitTrue(() -> Instant.now().isAfter(deadline.plusMillis(100)), "the deadlines passed");
		assertThat(count(sale, "PENDING_PAYMENT")).as("nothing else cancelled them").isEqualTo(2);

		Response read = send(get(this.service.tokens().user(buyers + "-0"), "/api/orders/" + ids.get(0)));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).contains("\"status\":\"CANCELLED\"", "\"cancelReason\":\"expired\"");
		Response list = send(get(this.service.tokens().user(buyers + "-1"), "/api/orders"));
		assertThat(list.body()).contains(ids.get(1), "\"status\":\"CANCELLED\"").doesNotContain("PENDING_PAYMENT");
		assertThat(count(sale, "CANCELLED")).isEqualTo(2);
	}

	/**
	 * A cancelled order's units count as held until inventory returns them (here: the
	 * platform-stock cancel script inventory-service runs); the sale stays consistent
	 * throughout.
	 */
	@Test
	void reconcilesCancelledOrdersBeforeAndAfterTheirUnitsReturn() throws Exception {
		long sale = schedule(10, 900);
		String buyers = "recon-" + sale;
		List<String> ids = this.orders.place(sale, buyers, 3, 900);
		awaitTrue(() -> count(sale, "PENDING_PAYMENT") == 3, "3 orders written");
		assertThat(
				send(post(this.service.tokens().user(buyers + "-0"), "/api/orders/" + ids.get(0) + "/cancel")).status())
			.isEqualTo(200);
		String admin = this.service.tokens().admin("ops");
		Response inFlight = send(get(admin, "/api/admin/reconciliation/" + sale));
		assertThat(inFlight.body())
			.contains("\"redisRemaining\":7", "\"PENDING_PAYMENT\":2", "\"CANCELLED\":1", "\"cancelledNotReturned\":1",
					"\"ordersWithoutReservation\":0")
			.doesNotContain("Redis remaining", "past the grace period");

		this.service.counters().cancel(sale, ids.get(0));
		Response returned = send(get(admin, "/api/admin/reconciliation/" + sale));
		assertThat(returned.body())
			.contains("\"redisRemaining\":8", "\"cancelledNotReturned\":0", "\"ordersWithoutReservation\":0",
					"\"reservationsWithoutOrder\":0")
			.doesNotContain("Redis remaining", "past the grace period");
	}

	private long schedule(int stock, long payTimeoutSeconds) throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, stock, 1, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600),
					payTimeoutSeconds);
		return sale;
	}

	private double counter(String name, String reason) {
		Counter counter = (reason != null) ? this.meters.find(name).tag("reason", reason).counter()
				: this.meters.find(name).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String ownerOf(List<String> ids, String orderId, String buyers) {
		return buyers + "-" + ids.indexOf(orderId);
	}

	private long count(long sale, String status) {
		Long count = this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ? AND status = ?", Long.class, sale,
					status);
		return (count != null) ? count : 0;
	}

	private List<String> idsWithStatus(long sale, String status) {
		return this.service.jdbc()
			.queryForList("SELECT id FROM orders WHERE flash_sale_id = ? AND status = ?", String.class, sale, status);
	}

	private String status(String orderId) {
		List<String> status = this.service.jdbc()
			.queryForList("SELECT status FROM orders WHERE id = ?", String.class, orderId);
		return status.isEmpty() ? null : status.get(0);
	}

	private List<ConsumerRecord<String, String>> ofType(List<ConsumerRecord<String, String>> records,
			Set<String> orderIds, Class<?> type) {
		return records.stream()
			.filter((record) -> orderIds.contains(record.key()))
			.filter((record) -> type.getSimpleName().equals(TopicTap.type(this.service.events(), record)))
			.toList();
	}

	/** The keys, one per record: a key published twice shows up twice. */
	private static List<String> keys(List<ConsumerRecord<String, String>> records) {
		return records.stream().map(ConsumerRecord::key).collect(Collectors.toList());
	}

	private HttpRequest post(String token, String path) {
		return this.service.post(token, path);
	}

	private HttpRequest get(String token, String path) {
		return this.service.get(token, path);
	}

	private Response send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.service.send(request);
		return new Response(response.statusCode(), response.body());
	}

	private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
			throws InterruptedException {
		TestSales.await(condition, what);
	}

	record Response(int status, String body) {

	}

}
