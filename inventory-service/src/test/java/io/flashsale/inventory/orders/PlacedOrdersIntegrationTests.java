package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.inventory.InventoryApi;
import io.flashsale.inventory.InventoryIntegrationTest;
import io.flashsale.inventory.allocation.FlashSaleStock;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code OrderPlaced} records on real Kafka, applied to the sale's stock in MariaDB.
 *
 * <p>
 * Every record of a test goes out with the same Kafka key, so they share a partition and
 * are consumed in order: once the last one (a distinct marker order) is applied, every
 * record before it was consumed too, and the counts can be asserted exactly.
 */
@InventoryIntegrationTest
class PlacedOrdersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson events;

	@Autowired
	FlashSaleStocks stocks;

	@Autowired
	ProcessedMessages processed;

	@Autowired
	MeterRegistry meters;

	InventoryApi api;

	@BeforeEach
	void api() {
		this.api = new InventoryApi(this.port, this.tokens);
	}

	@Test
	void appliesAnOrderDeliveredThreeTimesExactlyOnce() throws Exception {
		long sale = allocatedSale(10);
		String key = UUID.randomUUID().toString();
		OrderPlaced order = order(sale, 3);

		for (int i = 0; i < 3; i++) {
			// Each a new envelope (new event id), as a producer retrying would send.
			send(key, this.events.write(order.orderId(), order, Instant.now()));
		}
		sendMarker(key, sale);

		awaitOrdersApplied(sale, 2);
		FlashSaleStock stock = this.stocks.find(sale).orElseThrow();
		assertThat(stock.ordersApplied()).isEqualTo(2);
		assertThat(stock.remaining()).isEqualTo(10 - 3 - 1);
		assertThat(stock.allocated()).isEqualTo(10);
		assertThat(this.processed.isProcessed(PlacedOrders.CONSUMER, order.orderId())).isTrue();
	}

	@Test
	void skipsPoisonRecordsAndCountsThem() throws Exception {
		long sale = allocatedSale(10);
		String key = UUID.randomUUID().toString();
		double poisonBefore = poison();

		send(key, "{not json");
		send(key, this.events.write(key, order(sale, 0), Instant.now()));
		send(key, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"OrderPlaced\"}");
		OrderPlaced good = order(sale, 4);
		send(key, this.events.write(good.orderId(), good, Instant.now()));
		sendMarker(key, sale);

		awaitOrdersApplied(sale, 2);
		FlashSaleStock stock = this.stocks.find(sale).orElseThrow();
		assertThat(stock.remaining()).isEqualTo(10 - 4 - 1);
		assertThat(poison() - poisonBefore).isEqualTo(3.0);
	}

	@Test
	void countsAnOrderTheSaleCannotCoverAsAConflictOnceAndLeavesTheStock() throws Exception {
		long sale = allocatedSale(2);
		String key = UUID.randomUUID().toString();
		double conflictsBefore = conflicts();
		OrderPlaced tooBig = order(sale, 3);

		send(key, this.events.write(tooBig.orderId(), tooBig, Instant.now()));
		send(key, this.events.write(tooBig.orderId(), tooBig, Instant.now()));
		sendMarker(key, sale);

		awaitOrdersApplied(sale, 1);
		FlashSaleStock stock = this.stocks.find(sale).orElseThrow();
		assertThat(stock.remaining()).isEqualTo(2 - 1);
		assertThat(conflicts() - conflictsBefore).isEqualTo(1.0);
		// Marked, so a redelivery is not a second breach.
		assertThat(this.processed.isProcessed(PlacedOrders.CONSUMER, tooBig.orderId())).isTrue();
	}

	private long allocatedSale(int units) {
		long sku = this.api.createSku("Item", units);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, units);
		return sale;
	}

	private static OrderPlaced order(long sale, int quantity) {
		return new OrderPlaced(UUID.randomUUID().toString(), sale, 1, "alice", quantity, quantity * 1_000L,
				Instant.now().plusSeconds(900), Instant.now());
	}

	/** One unit, last on the partition. */
	private void sendMarker(String key, long sale) throws Exception {
		OrderPlaced marker = order(sale, 1);
		send(key, this.events.write(marker.orderId(), marker, Instant.now()));
	}

	private void send(String key, String value) throws Exception {
		this.kafka.send(Topics.ORDERS, key, value).get();
	}

	private void awaitOrdersApplied(long sale, int orders) {
		InventoryApi.await(orders + " orders of sale " + sale + " applied",
				() -> this.stocks.find(sale).orElseThrow().ordersApplied() >= orders);
	}

	private double poison() {
		return this.meters.get("flashsale.inventory.messages.poison").tag("topic", Topics.ORDERS).counter().count();
	}

	private double conflicts() {
		return this.meters.get("flashsale.inventory.stock.conflicts").counter().count();
	}

}
