package io.flashsale.inventory.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.inventory.InventoryApi;
import io.flashsale.inventory.InventoryIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

@InventoryIntegrationTest
class AllocationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	InventoryApi api;

	@BeforeEach
	void api() {
		this.api = new InventoryApi(this.port, this.tokens);
	}

	@Test
	void allocatesStockToAFlashSaleTakingItOffTheSku() {
		long sku = this.api.createSku("Phone", 100);
		long sale = InventoryApi.newSaleId();

		ResponseEntity<JsonNode> allocated = this.api.allocate(sale, sku, 30);

		assertThat(allocated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(allocated.getHeaders().getLocation()).hasToString("/api/admin/flash-sale-stock/" + sale);
		assertAllocation(allocated.getBody(), sale, sku, 30, 30);
		assertThat(this.api.available(sku)).isEqualTo(70);
		JsonNode stock = this.api.flashSaleStock(sale).getBody();
		assertAllocation(stock, sale, sku, 30, 30);
		assertThat(stock.get("ordersApplied").asInt()).isZero();
		assertThat(stock.get("warmed").asBoolean()).isFalse();
		assertThat(stock.get("redisRemaining").asLong()).isEqualTo(-1);
	}

	/**
	 * 40 concurrent allocations of 10 units, each to its own sale, against a SKU of 100
	 * units: exactly 10 succeed and the SKU ends at 0.
	 */
	@Test
	void neverAllocatesMoreThanTheSkuHasUnderConcurrency() throws Exception {
		int requests = 40;
		int units = 10;
		long sku = this.api.createSku("Console", 100);
		List<Long> sales = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			sales.add(InventoryApi.newSaleId());
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
			for (long sale : sales) {
				answers.add(pool.submit(() -> {
					start.await();
					return this.api.allocate(sale, sku, units);
				}));
			}
			start.countDown();
		}

		List<Long> allocatedSales = new ArrayList<>();
		int insufficient = 0;
		for (int i = 0; i < requests; i++) {
			ResponseEntity<JsonNode> answer = answers.get(i).get();
			if (answer.getStatusCode() == HttpStatus.CREATED) {
				allocatedSales.add(sales.get(i));
			}
			else {
				assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(answer.getBody().get("code").asString()).isEqualTo("insufficient-stock");
				insufficient++;
			}
		}
		assertThat(allocatedSales).hasSize(10);
		assertThat(insufficient).isEqualTo(30);
		assertThat(this.api.available(sku)).isZero();
		int allocatedUnits = 0;
		for (long sale : sales) {
			ResponseEntity<JsonNode> stock = this.api.flashSaleStock(sale);
			if (allocatedSales.contains(sale)) {
				allocatedUnits += stock.getBody().get("allocated").asInt();
			}
			else {
				assertThat(stock.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			}
		}
		assertThat(allocatedUnits).isEqualTo(100);
	}

	@Test
	void repeatsAnIdenticalAllocationWithoutTakingStockAgain() {
		long sku = this.api.createSku("Watch", 50);
		long sale = InventoryApi.newSaleId();
		JsonNode first = this.api.allocate(sale, sku, 20).getBody();

		ResponseEntity<JsonNode> repeat = this.api.allocate(sale, sku, 20);
		ResponseEntity<JsonNode> again = this.api.allocate(sale, sku, 20);

		assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(repeat.getBody()).isEqualTo(first);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody()).isEqualTo(first);
		assertThat(this.api.available(sku)).isEqualTo(30);
	}

	@Test
	void refusesAnotherSkuOrQuantityForAnAllocatedSale() {
		long sku = this.api.createSku("Tablet", 50);
		long otherSku = this.api.createSku("Tablet case", 50);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 20);

		for (ResponseEntity<JsonNode> conflict : List.of(this.api.allocate(sale, sku, 21),
				this.api.allocate(sale, sku, 19), this.api.allocate(sale, otherSku, 20))) {
			assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(conflict.getBody().get("code").asString()).isEqualTo("allocation-conflict");
			assertThat(conflict.getBody().get("type").asString())
				.isEqualTo("https://flashsale.dev/problems/allocation-conflict");
		}
		assertThat(this.api.available(sku)).isEqualTo(30);
		assertThat(this.api.available(otherSku)).isEqualTo(50);
		assertAllocation(this.api.flashSaleStock(sale).getBody(), sale, sku, 20, 20);
	}

	@Test
	void refusesAnAllocationLargerThanTheStockAndChangesNothing() {
		long sku = this.api.createSku("Camera", 5);
		long sale = InventoryApi.newSaleId();

		ResponseEntity<JsonNode> refused = this.api.allocate(sale, sku, 6);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("insufficient-stock");
		assertThat(this.api.available(sku)).isEqualTo(5);
		assertThat(this.api.flashSaleStock(sale).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		// The whole stock can still go.
		this.api.allocated(sale, sku, 5);
		assertThat(this.api.available(sku)).isZero();
	}

	@Test
	void answersAnUnknownSkuOrSaleWith404() {
		long sale = InventoryApi.newSaleId();
		ResponseEntity<JsonNode> unknownSku = this.api.allocate(sale, 999_999_999L, 1);
		assertThat(unknownSku.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknownSku.getBody().get("code").asString()).isEqualTo("sku-not-found");
		ResponseEntity<JsonNode> unknownSale = this.api.flashSaleStock(sale);
		assertThat(unknownSale.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknownSale.getBody().get("code").asString()).isEqualTo("flash-sale-not-found");
	}

	@Test
	void rejectsInvalidAllocationsWith400AndChangesNothing() {
		long sku = this.api.createSku("Laptop", 50);
		long sale = InventoryApi.newSaleId();
		String[] invalidBodies = { "{\"skuId\":" + sku + ",\"quantity\":0}", "{\"skuId\":" + sku + ",\"quantity\":-5}",
				"{\"skuId\":" + sku + ",\"quantity\":1000001}", "{\"skuId\":" + sku + ",\"quantity\":2.5}",
				"{\"skuId\":" + sku + "}", "{\"quantity\":5}", "{\"skuId\":0,\"quantity\":5}",
				"{\"skuId\":-1,\"quantity\":5}", "{}", "not json" };
		for (String body : invalidBodies) {
			ResponseEntity<JsonNode> response = this.api.asAdmin(HttpMethod.PUT, "/api/admin/flash-sale-stock/" + sale,
					body);
			assertBadRequest(response, body);
		}
		String valid = "{\"skuId\":" + sku + ",\"quantity\":5}";
		for (String id : new String[] { "0", "-1", "abc", "99999999999999999999" }) {
			assertBadRequest(this.api.asAdmin(HttpMethod.PUT, "/api/admin/flash-sale-stock/" + id, valid), id);
			assertBadRequest(this.api.asAdmin(HttpMethod.GET, "/api/admin/flash-sale-stock/" + id, null), id);
			assertBadRequest(this.api.asAdmin(HttpMethod.POST, "/api/admin/flash-sale-stock/" + id + "/warm-up", null),
					id);
		}
		assertThat(this.api.available(sku)).isEqualTo(50);
		assertThat(this.api.flashSaleStock(sale).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void keepsAllocationEndpointsForAdmins() {
		long sku = this.api.createSku("Drone", 50);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 10);
		long otherSale = InventoryApi.newSaleId();
		String shopper = this.api.userToken();

		assertForbidden(this.api.send(HttpMethod.PUT, "/api/admin/flash-sale-stock/" + otherSale, shopper,
				"{\"skuId\":" + sku + ",\"quantity\":5}"));
		assertForbidden(this.api.send(HttpMethod.GET, "/api/admin/flash-sale-stock/" + sale, shopper, null));
		assertForbidden(
				this.api.send(HttpMethod.POST, "/api/admin/flash-sale-stock/" + sale + "/warm-up", shopper, null));

		assertThat(this.api.available(sku)).isEqualTo(40);
		assertThat(this.api.flashSaleStock(otherSale).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.api.flashSaleStock(sale).getBody().get("warmed").asBoolean()).isFalse();
	}

	private static void assertAllocation(JsonNode body, long sale, long sku, int allocated, int remaining) {
		assertThat(body.get("flashSaleId").asLong()).isEqualTo(sale);
		assertThat(body.get("skuId").asLong()).isEqualTo(sku);
		assertThat(body.get("allocated").asInt()).isEqualTo(allocated);
		assertThat(body.get("remaining").asInt()).isEqualTo(remaining);
	}

	private static void assertBadRequest(ResponseEntity<JsonNode> response, String input) {
		assertThat(response.getStatusCode()).as(input).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("code").asString()).as(input).isEqualTo("invalid-request");
	}

	private static void assertForbidden(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getBody().get("code").asString()).isEqualTo("forbidden");
	}

}
