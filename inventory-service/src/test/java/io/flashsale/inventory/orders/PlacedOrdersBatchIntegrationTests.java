package io.flashsale.inventory.orders;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.inventory.InventoryApi;
import io.flashsale.inventory.InventoryIntegrationTest;
import io.flashsale.inventory.allocation.FlashSaleStock;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlacedOrders} applying batches straight to MariaDB, with the statements each
 * batch costs counted: every call of a mapper method that runs SQL is one statement (the
 * mappers are wrapped, and their default methods run through the wrapper).
 */
@InventoryIntegrationTest
class PlacedOrdersBatchIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	PlacedOrders placedOrders;

	@Autowired
	CancelledOrders cancelledOrders;

	@Autowired
	ProcessedMessages processed;

	@Autowired
	FlashSaleStocks stocks;

	@Autowired
	OrderStocks orderStocks;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	InventoryApi api;

	@BeforeEach
	void api() {
		this.api = new InventoryApi(this.port, this.tokens);
	}

	/**
	 * Before, each new order cost 3 statements (mark, row, decrement), each redelivered
	 * one 1, and each conflict a 4th (delete). Now: 4 for the batch (read and insert of
	 * the marks, read and insert of the rows) and 1 decrement per sale.
	 */
	@Test
	void costsAHandfulOfStatementsPerBatchWhateverItsSize() {
		long saleA = allocatedSale(1_000);
		long saleB = allocatedSale(1_000);
		long saleC = allocatedSale(1_000);
		long saleD = allocatedSale(10);
		long[] abc = { saleA, saleB, saleC };
		Statements statements = new Statements();
		PlacedOrders counted = counted(statements, (method) -> {
		});

		List<OrderPlaced> first = IntStream.range(0, 50).mapToObj((i) -> order(abc[i % 3], 1)).toList();
		assertThat(counted.apply(first)).isEmpty();
		assertThat(statements.take()).as("50 new orders of 3 sales (was 150)")
			.isEqualTo(Map.of("processedAmong", 1, "insertAllProcessed", 1, "presentAmong", 1, "insertAppliedRows", 1,
					"applyOrders", 3));

		List<OrderPlaced> second = new ArrayList<>(first.subList(0, 20));
		IntStream.range(0, 30).forEach((i) -> second.add(order(abc[i % 3], 1)));
		assertThat(counted.apply(second)).isEmpty();
		assertThat(statements.total()).as("20 redelivered and 30 new orders (was 110)").isEqualTo(7);
		statements.take();

		assertThat(counted.apply(second)).isEmpty();
		assertThat(statements.take()).as("50 redelivered orders (was 50)").isEqualTo(Map.of("processedAmong", 1));

		// D's 10 units cover 3 of its 5 orders of 3 units.
		List<OrderPlaced> fourth = new ArrayList<>();
		IntStream.range(0, 45).forEach((i) -> fourth.add(order(saleA, 1)));
		List<OrderPlaced> ofD = IntStream.range(0, 5).mapToObj((i) -> order(saleD, 3)).toList();
		fourth.addAll(ofD);
		double conflicts = counter("flashsale.inventory.stock.conflicts");
		assertThat(counted.apply(fourth)).isEmpty();
		assertThat(statements.take()).as("45 new orders and 5 of a sale that covers 3 (was 152)")
			.isEqualTo(Map.of("processedAmong", 1, "insertAllProcessed", 1, "presentAmong", 1, "insertAppliedRows", 1,
					"applyOrders", 2, "applyOrder", 5, "deleteAll", 1));

		assertThat(stock(saleA).remaining()).isEqualTo(1_000 - 17 - 10 - 45);
		assertThat(stock(saleA).ordersApplied()).isEqualTo(17 + 10 + 45);
		assertThat(stock(saleB).remaining()).isEqualTo(1_000 - 17 - 10);
		assertThat(stock(saleC).remaining()).isEqualTo(1_000 - 16 - 10);
		assertThat(stock(saleD).remaining()).isEqualTo(1);
		assertThat(stock(saleD).ordersApplied()).isEqualTo(3);
		assertThat(counter("flashsale.inventory.stock.conflicts") - conflicts).isEqualTo(2.0);
		for (int i = 0; i < 5; i++) {
			assertThat(this.orderStocks.find(ofD.get(i).orderId()).isPresent()).as("D's order %d has a row", i)
				.isEqualTo(i < 3);
		}
	}

	/**
	 * Sales A (400 units, orders of 2), B (200 units, orders of 1) and C (301 units,
	 * orders of 3: 100 of its 166 orders fit). 500 orders, the sale by index modulo 3
	 * (167 of A, 167 of B, 166 of C), shuffled (seed 12) into 10 batches of 50; 20 of
	 * them delivered twice (seed 12): 5 again in their own batch, 15 in a later one. 5 of
	 * A's orders are cancelled before they are placed. Then all 10 batches are delivered
	 * again, as after a rebalance.
	 */
	@Test
	void appliesFiveHundredOrdersInBatchesOfFiftyOnceEachAndExactlyThoseThatFit() {
		long saleA = allocatedSale(400);
		long saleB = allocatedSale(200);
		long saleC = allocatedSale(301);
		List<OrderPlaced> orders = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			orders.add(switch (i % 3) {
				case 0 -> order(saleA, 2);
				case 1 -> order(saleB, 1);
				default -> order(saleC, 3);
			});
		}
		List<OrderPlaced> cancelledFirst = orders.stream()
			.filter((order) -> order.flashSaleId() == saleA)
			.limit(5)
			.toList();
		List<OrderPlaced> shuffled = new ArrayList<>(orders);
		Collections.shuffle(shuffled, new Random(12));
		List<List<OrderPlaced>> batches = new ArrayList<>();
		for (int i = 0; i < 500; i += 50) {
			batches.add(new ArrayList<>(shuffled.subList(i, i + 50)));
		}
		Random random = new Random(12);
		Set<OrderPlaced> redelivered = new LinkedHashSet<>();
		while (redelivered.size() < 20) {
			int batch = redelivered.size() % 9;
			OrderPlaced again = batches.get(batch).get(random.nextInt(50));
			if (!redelivered.add(again)) {
				continue;
			}
			int into = (redelivered.size() <= 5) ? batch : batch + 1 + random.nextInt(9 - batch);
			List<OrderPlaced> target = batches.get(into);
			target.add(random.nextInt(target.size() + 1), again);
		}
		assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(520);
		// First come, first served: C's first 100 orders as delivered.
		List<OrderPlaced> fitC = batches.stream()
			.flatMap(List::stream)
			.filter((order) -> order.flashSaleId() == saleC)
			.distinct()
			.limit(100)
			.toList();
		double applied = counter("flashsale.inventory.orders.applied");
		double conflicts = counter("flashsale.inventory.stock.conflicts");
		double skipped = counter("flashsale.inventory.cancel.skipped");
		Statements statements = new Statements();
		PlacedOrders counted = counted(statements, (method) -> {
		});

		assertThat(this.cancelledOrders.returnToDatabase(cancelledFirst.stream().map(this::cancellation).toList()))
			.isEmpty();
		for (List<OrderPlaced> batch : batches) {
			assertThat(counted.apply(batch)).isEmpty();
		}

		assertThat(stock(saleA).remaining()).isEqualTo(400 - 162 * 2);
		assertThat(stock(saleA).ordersApplied()).isEqualTo(162);
		assertThat(stock(saleB).remaining()).isEqualTo(200 - 167);
		assertThat(stock(saleB).ordersApplied()).isEqualTo(167);
		assertThat(stock(saleC).remaining()).isEqualTo(301 - 100 * 3);
		assertThat(stock(saleC).ordersApplied()).isEqualTo(100);
		assertThat(counter("flashsale.inventory.orders.applied") - applied).isEqualTo(162 + 167 + 100);
		assertThat(counter("flashsale.inventory.stock.conflicts") - conflicts).isEqualTo(66);
		assertThat(counter("flashsale.inventory.cancel.skipped") - skipped).isEqualTo(5);
		assertThat(this.orderStocks.returnedUnits(saleA)).as("cancelled first: returned, never applied")
			.isEqualTo(5 * 2);
		int appliedRows = 0;
		for (OrderPlaced order : orders) {
			assertThat(this.processed.isProcessed(PlacedOrders.CONSUMER, order.orderId())).isTrue();
			Optional<OrderStocks.OrderStock> row = this.orderStocks.find(order.orderId());
			if (cancelledFirst.contains(order)) {
				assertThat(row).hasValueSatisfying((taken) -> assertThat(taken.applied()).isFalse());
			}
			else if (order.flashSaleId() == saleC && !fitC.contains(order)) {
				assertThat(row).as("a conflict keeps no row").isEmpty();
			}
			else {
				assertThat(row).hasValueSatisfying((taken) -> {
					assertThat(taken.applied()).isTrue();
					assertThat(taken.returnedAt()).isNull();
					assertThat(taken.quantity()).isEqualTo(order.quantity());
				});
				appliedRows++;
			}
		}
		assertThat(appliedRows).isEqualTo(162 + 167 + 100);

		statements.take();
		for (List<OrderPlaced> batch : batches) {
			assertThat(counted.apply(batch)).isEmpty();
		}
		assertThat(statements.take()).as("520 redelivered orders in 10 batches (was 520)")
			.isEqualTo(Map.of("processedAmong", 10));
		assertThat(stock(saleA).remaining()).isEqualTo(76);
		assertThat(stock(saleB).remaining()).isEqualTo(33);
		assertThat(stock(saleC).remaining()).isEqualTo(1);
		assertThat(counter("flashsale.inventory.orders.applied") - applied).isEqualTo(429);
		assertThat(counter("flashsale.inventory.stock.conflicts") - conflicts).isEqualTo(66);
	}

	/**
	 * Two instances (each its own {@link PlacedOrders} and thread) apply the same 600
	 * orders, the sale by index modulo 3: A (1,000 units, orders of 2), B (1,000 units,
	 * orders of 3) and C (150 units, orders of 1: 150 of its 200 fit), shuffled (seed 7)
	 * into batches of 50. The second instance's batches start 25 orders later, so each
	 * overlaps two of the first's. Both start together; a batch that loses a deadlock is
	 * applied again, as the container's error handler would.
	 */
	@Test
	void twoInstancesApplyingOverlappingBatchesTakeEachOrderOnce() throws Exception {
		long saleA = allocatedSale(1_000);
		long saleB = allocatedSale(1_000);
		long saleC = allocatedSale(150);
		List<OrderPlaced> orders = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			orders.add(switch (i % 3) {
				case 0 -> order(saleA, 2);
				case 1 -> order(saleB, 3);
				default -> order(saleC, 1);
			});
		}
		Collections.shuffle(orders, new Random(7));
		List<List<OrderPlaced>> first = new ArrayList<>();
		List<List<OrderPlaced>> second = new ArrayList<>();
		for (int i = 0; i < 600; i += 50) {
			first.add(orders.subList(i, i + 50));
			int from = i + 25;
			second.add((from + 50 <= 600) ? orders.subList(from, from + 50)
					: concat(orders.subList(from, 600), orders.subList(0, from + 50 - 600)));
		}
		double applied = counter("flashsale.inventory.orders.applied");
		double conflicts = counter("flashsale.inventory.stock.conflicts");
		Statements firstStatements = new Statements();
		Statements secondStatements = new Statements();
		PlacedOrders firstInstance = counted(firstStatements, (method) -> {
		});
		PlacedOrders secondInstance = counted(secondStatements, (method) -> {
		});
		CyclicBarrier start = new CyclicBarrier(2);
		AtomicInteger deadlocks = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> one = threads.submit(() -> applyAll(firstInstance, first, start, deadlocks));
			Future<?> two = threads.submit(() -> applyAll(secondInstance, second, start, deadlocks));
			one.get(120, TimeUnit.SECONDS);
			two.get(120, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(stock(saleA).remaining()).isEqualTo(1_000 - 200 * 2);
		assertThat(stock(saleA).ordersApplied()).isEqualTo(200);
		assertThat(stock(saleB).remaining()).isEqualTo(1_000 - 200 * 3);
		assertThat(stock(saleB).ordersApplied()).isEqualTo(200);
		assertThat(stock(saleC).remaining()).isZero();
		assertThat(stock(saleC).ordersApplied()).isEqualTo(150);
		assertThat(counter("flashsale.inventory.orders.applied") - applied).isEqualTo(550);
		assertThat(counter("flashsale.inventory.stock.conflicts") - conflicts).isEqualTo(50);
		long rows = orders.stream().filter((order) -> this.orderStocks.find(order.orderId()).isPresent()).count();
		assertThat(rows).as("a row per applied order").isEqualTo(550);
		System.out.printf(
				"Two instances, 24 overlapping batches: %d deadlocks retried; marks recorded one by one "
						+ "after a lost race: %d and %d%n",
				deadlocks.get(), firstStatements.count("insertProcessed"), secondStatements.count("insertProcessed"));
	}

	/**
	 * Another delivery of one of five orders (2 units each, sale of 20 units) marks it
	 * and takes its units while the batch runs, after the batch read the marks and before
	 * its insert of them. The batch's insert fails on that mark, the marks are recorded
	 * one by one, and that order is skipped: 10 units taken, not 12.
	 */
	@Test
	void skipsAnOrderThatAnotherDeliveryAppliesWhileTheBatchRuns() throws Exception {
		long sale = allocatedSale(20);
		List<OrderPlaced> batch = IntStream.range(0, 5).mapToObj((i) -> order(sale, 2)).toList();
		OrderPlaced contested = batch.get(2);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch inserting = new CountDownLatch(1);
		Statements statements = new Statements();
		PlacedOrders counted = counted(statements, (method) -> {
			if (method.equals("insertAllProcessed")) {
				inserting.countDown();
			}
		});
		double applied = counter("flashsale.inventory.orders.applied");
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> other = threads.submit(() -> this.transactions.executeWithoutResult((status) -> {
				assertThat(this.processed.markProcessed(PlacedOrders.CONSUMER, contested.orderId())).isEqualTo(1);
				assertThat(this.orderStocks.insertApplied(contested.orderId(), sale, 2, Instant.now())).isEqualTo(1);
				assertThat(this.stocks.applyOrder(sale, 2)).isEqualTo(1);
				held.countDown();
				await(inserting);
				sleep(300);
			}));
			await(held);
			Future<List<Refused<OrderPlaced>>> applying = threads.submit(() -> counted.apply(batch));
			other.get(60, TimeUnit.SECONDS);
			assertThat(applying.get(60, TimeUnit.SECONDS)).isEmpty();
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(stock(sale).remaining()).isEqualTo(20 - 5 * 2);
		assertThat(stock(sale).ordersApplied()).isEqualTo(5);
		assertThat(counter("flashsale.inventory.orders.applied") - applied).as("by the batch").isEqualTo(4);
		assertThat(statements.take()).as("the marks' insert failed, then one by one")
			.isEqualTo(Map.of("processedAmong", 1, "insertAllProcessed", 1, "insertProcessed", 5, "presentAmong", 1,
					"insertAppliedRows", 1, "applyOrders", 1));
	}

	private void applyAll(PlacedOrders instance, List<List<OrderPlaced>> batches, CyclicBarrier start,
			AtomicInteger deadlocks) {
		try {
			start.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		for (List<OrderPlaced> batch : batches) {
			for (int attempt = 1;; attempt++) {
				try {
					assertThat(instance.apply(batch)).isEmpty();
					break;
				}
				catch (PessimisticLockingFailureException ex) {
					deadlocks.incrementAndGet();
					if (attempt == 5) {
						throw ex;
					}
				}
			}
		}
	}

	/** A {@link PlacedOrders} whose statements are counted, and reported to a hook. */
	private PlacedOrders counted(Statements statements, Consumer<String> beforeEach) {
		return new PlacedOrders(statements.wrap(ProcessedMessages.class, this.processed, beforeEach),
				statements.wrap(FlashSaleStocks.class, this.stocks, beforeEach),
				statements.wrap(OrderStocks.class, this.orderStocks, beforeEach), this.transactions, this.meters);
	}

	private long allocatedSale(int units) {
		long sku = this.api.createSku("Item", units);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, units);
		return sale;
	}

	private FlashSaleStock stock(long sale) {
		return this.stocks.find(sale).orElseThrow();
	}

	private static OrderPlaced order(long sale, int quantity) {
		return new OrderPlaced(UUID.randomUUID().toString(), sale, 1, "alice", quantity, quantity * 1_000L,
				Instant.now().plusSeconds(900), Instant.now());
	}

	private OrderCancelled cancellation(OrderPlaced order) {
		return new OrderCancelled(order.orderId(), order.flashSaleId(), order.skuId(), order.userId(), order.quantity(),
				OrderCancelled.EXPIRED, Instant.now());
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Counts the SQL statements run through wrapped mappers: each call of a method that
	 * is not a default method. Default methods run on the wrapper, so the statements they
	 * make are counted too.
	 */
	static final class Statements {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		<T> T wrap(Class<T> mapper, T target, Consumer<String> beforeEach) {
			InvocationHandler handler = (proxy, method, args) -> {
				if (method.isDefault()) {
					return InvocationHandler.invokeDefault(proxy, method, args);
				}
				if (method.getDeclaringClass() != Object.class) {
					this.counts.computeIfAbsent(method.getName(), (name) -> new AtomicInteger()).incrementAndGet();
					beforeEach.accept(method.getName());
				}
				try {
					return method.invoke(target, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
			};
			return mapper.cast(Proxy.newProxyInstance(mapper.getClassLoader(), new Class<?>[] { mapper }, handler));
		}

		int count(String method) {
			AtomicInteger count = this.counts.get(method);
			return (count != null) ? count.get() : 0;
		}

		int total() {
			return this.counts.values().stream().mapToInt(AtomicInteger::get).sum();
		}

		/** The counts so far, by method, and starts again from zero. */
		Map<String, Integer> take() {
			Map<String, Integer> taken = new LinkedHashMap<>();
			this.counts.forEach((method, count) -> taken.put(method, count.get()));
			this.counts.clear();
			return taken;
		}

	}

}
