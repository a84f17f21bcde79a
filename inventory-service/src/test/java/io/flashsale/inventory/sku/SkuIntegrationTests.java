package io.flashsale.inventory.sku;

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
class SkuIntegrationTests {

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
	void createsASkuAndShowsItsAvailableStockToAnySignedInUser() {
		ResponseEntity<JsonNode> created = this.api.asAdmin(HttpMethod.POST, "/api/admin/skus",
				"{\"name\":\"Phone X\",\"stock\":250,\"listPriceMinor\":399900,\"currency\":\"CNY\",\"shopId\":7}");

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		long id = created.getBody().get("id").asLong();
		assertThat(id).isPositive();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/skus/" + id);
		assertThat(created.getBody().get("name").asString()).isEqualTo("Phone X");
		assertThat(created.getBody().get("stock").asInt()).isEqualTo(250);
		assertThat(created.getBody().get("listPriceMinor").asLong()).isEqualTo(399_900);
		assertThat(created.getBody().get("currency").asString()).isEqualTo("CNY");
		assertThat(created.getBody().get("shopId").asLong()).isEqualTo(7);

		ResponseEntity<JsonNode> read = this.api.send(HttpMethod.GET, "/api/skus/" + id, this.api.userToken(), null);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getBody().get("id").asLong()).isEqualTo(id);
		assertThat(read.getBody().get("name").asString()).isEqualTo("Phone X");
		assertThat(read.getBody().get("available").asInt()).isEqualTo(250);
		assertThat(read.getBody().get("listPriceMinor").asLong()).isEqualTo(399_900);
		assertThat(read.getBody().get("currency").asString()).isEqualTo("CNY");
		assertThat(read.getBody().get("shopId").asLong()).isEqualTo(7);
	}

	@Test
	void putsASkuCreatedWithoutAShopInThePlatformShop() {
		ResponseEntity<JsonNode> created = this.api.asAdmin(HttpMethod.POST, "/api/admin/skus",
				"{\"name\":\"Cable\",\"stock\":3,\"listPriceMinor\":1999,\"currency\":\"USD\"}");
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		long id = created.getBody().get("id").asLong();
		ResponseEntity<JsonNode> read = this.api.send(HttpMethod.GET, "/api/skus/" + id, this.api.userToken(), null);
		assertThat(read.getBody().get("shopId").asLong()).isEqualTo(1);
		assertThat(read.getBody().get("listPriceMinor").asLong()).isEqualTo(1999);
		assertThat(read.getBody().get("currency").asString()).isEqualTo("USD");
	}

	@Test
	void rejectsSkusWithoutAValidListPriceWith400AndCreatesNothing() {
		long before = this.api.createSku("before", 1);
		String[] invalid = { "{\"name\":\"a\",\"stock\":5}", "{\"name\":\"a\",\"stock\":5,\"currency\":\"CNY\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":0,\"currency\":\"CNY\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":-100,\"currency\":\"CNY\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":12.5,\"currency\":\"CNY\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100000000001,\"currency\":\"CNY\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100,\"currency\":\"XYZ\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100,\"currency\":\"cny\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100,\"currency\":\"XAU\"}",
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100,\"currency\":\"CNY\",\"shopId\":0}" };
		for (String body : invalid) {
			ResponseEntity<JsonNode> response = this.api.asAdmin(HttpMethod.POST, "/api/admin/skus", body);
			assertThat(response.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(response.getBody().get("code").asString()).as(body).isEqualTo("invalid-request");
			assertThat(response.getBody().get("type").asString()).as(body)
				.isEqualTo("https://flashsale.dev/problems/invalid-request");
		}
		assertThat(this.api.createSku("after", 1)).isEqualTo(before + 1);
	}

	@Test
	void acceptsTheBoundsOfNameAndStock() {
		assertThat(this.api.createSku("x", 0)).isPositive();
		assertThat(this.api.createSku("n".repeat(120), 10_000_000)).isPositive();
	}

	@Test
	void rejectsInvalidSkusWith400AndCreatesNothing() {
		long before = this.api.createSku("before", 1);
		// Each carries a valid price, so it fails for the field it names.
		String price = ",\"listPriceMinor\":100,\"currency\":\"CNY\"}";
		String[] invalid = { "{\"stock\":5" + price, "{\"name\":\"\",\"stock\":5" + price,
				"{\"name\":\"   \",\"stock\":5" + price, "{\"name\":\"" + "n".repeat(121) + "\",\"stock\":5" + price,
				"{\"name\":\"a\"" + price, "{\"name\":\"a\",\"stock\":-1" + price,
				"{\"name\":\"a\",\"stock\":10000001" + price, "{\"name\":\"a\",\"stock\":2.5" + price,
				"{\"name\":\"a\",\"stock\":", "[]" };
		for (String body : invalid) {
			ResponseEntity<JsonNode> response = this.api.asAdmin(HttpMethod.POST, "/api/admin/skus", body);
			assertThat(response.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(response.getBody().get("code").asString()).as(body).isEqualTo("invalid-request");
		}
		// Ids are consecutive here (tests run one at a time): no row was written in
		// between.
		assertThat(this.api.createSku("after", 1)).isEqualTo(before + 1);
	}

	@Test
	void keepsSkuCreationForAdmins() {
		long before = this.api.createSku("before", 1);
		ResponseEntity<JsonNode> response = this.api.send(HttpMethod.POST, "/api/admin/skus", this.api.userToken(),
				"{\"name\":\"a\",\"stock\":5,\"listPriceMinor\":100,\"currency\":\"CNY\"}");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getBody().get("code").asString()).isEqualTo("forbidden");
		assertThat(this.api.send(HttpMethod.GET, "/api/skus/" + before, null, null).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.createSku("after", 1)).isEqualTo(before + 1);
	}

	@Test
	void answersUnknownSkusWith404AndBadIdsWith400() {
		ResponseEntity<JsonNode> unknown = this.api.send(HttpMethod.GET, "/api/skus/999999999", this.api.userToken(),
				null);
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getBody().get("code").asString()).isEqualTo("sku-not-found");
		assertThat(unknown.getBody().get("type").asString()).isEqualTo("https://flashsale.dev/problems/sku-not-found");
		for (String id : new String[] { "0", "-3", "abc", "1.5", "99999999999999999999" }) {
			ResponseEntity<JsonNode> bad = this.api.send(HttpMethod.GET, "/api/skus/" + id, this.api.userToken(), null);
			assertThat(bad.getStatusCode()).as(id).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(bad.getBody().get("code").asString()).as(id).isEqualTo("invalid-request");
		}
	}

}
