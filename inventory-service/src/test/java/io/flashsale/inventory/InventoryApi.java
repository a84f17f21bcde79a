package io.flashsale.inventory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;

import io.flashsale.platform.security.LocalTokens;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the running service over HTTP as an admin or a shopper, for the integration
 * tests.
 */
public final class InventoryApi {

	private static final AtomicLong SALE_IDS = new AtomicLong(System.currentTimeMillis());

	private final RestClient http;

	private final LocalTokens tokens;

	public InventoryApi(int port, LocalTokens tokens) {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		this.tokens = tokens;
	}

	/** A flash-sale id no other test uses. */
	public static long newSaleId() {
		return SALE_IDS.incrementAndGet();
	}

	public String adminToken() {
		return this.tokens.admin("ops");
	}

	public String userToken() {
		return this.tokens.user("alice");
	}

	/**
	 * Sends a request.
	 * @param body a record, or a String sent as raw JSON; null for none
	 */
	public ResponseEntity<JsonNode> send(HttpMethod method, String path, String token, Object body) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(path);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> asAdmin(HttpMethod method, String path, Object body) {
		return send(method, path, adminToken(), body);
	}

	public long createSku(String name, int stock) {
		ResponseEntity<JsonNode> created = asAdmin(HttpMethod.POST, "/api/admin/skus",
				new NewSku(name, stock, 9_900L, "CNY"));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().get("id").asLong();
	}

	public int available(long skuId) {
		ResponseEntity<JsonNode> sku = send(HttpMethod.GET, "/api/skus/" + skuId, userToken(), null);
		assertThat(sku.getStatusCode()).isEqualTo(HttpStatus.OK);
		return sku.getBody().get("available").asInt();
	}

	public ResponseEntity<JsonNode> allocate(long flashSaleId, long skuId, int quantity) {
		return asAdmin(HttpMethod.PUT, "/api/admin/flash-sale-stock/" + flashSaleId,
				new AllocateStock(skuId, quantity));
	}

	/** Allocates and asserts it was created. */
	public void allocated(long flashSaleId, long skuId, int quantity) {
		assertThat(allocate(flashSaleId, skuId, quantity).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	public ResponseEntity<JsonNode> flashSaleStock(long flashSaleId) {
		return asAdmin(HttpMethod.GET, "/api/admin/flash-sale-stock/" + flashSaleId, null);
	}

	public ResponseEntity<JsonNode> warmUp(long flashSaleId) {
		return asAdmin(HttpMethod.POST, "/api/admin/flash-sale-stock/" + flashSaleId + "/warm-up", null);
	}

	/** Polls every 100 ms until the condition holds, failing after 20 seconds. */
	public static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("timed out waiting until %s", what).isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	record NewSku(String name, int stock, long listPriceMinor, String currency) {
	}

	record AllocateStock(long skuId, int quantity) {
	}

}
