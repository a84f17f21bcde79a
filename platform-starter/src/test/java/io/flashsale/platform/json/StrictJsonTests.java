package io.flashsale.platform.json;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's strict JSON on a bare servlet application: the application's mapper and
 * every request body refuse a value of another JSON type than the field's, with a 400
 * problem naming the field, and the handler never runs.
 */
@ActiveProfiles("local")
@SpringBootTest(classes = StrictJsonTests.App.class,
		properties = { "spring.application.name=strict-json-test", "flashsale.security.open-paths=/api/**" })
@AutoConfigureMockMvc
class StrictJsonTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	App.Shop shop;

	@BeforeEach
	void resetCalls() {
		this.shop.calls.set(0);
	}

	@Test
	void theApplicationsMapperRefusesAStringForAnInteger() {
		assertThatExceptionOfType(MismatchedInputException.class)
			.isThrownBy(() -> this.json.readValue("{\"flashSaleId\": 1, \"quantity\": \"1\"}", Purchase.class));
		assertThat(this.json.readValue("{\"flashSaleId\": 1, \"quantity\": 1}", Purchase.class).quantity()).isOne();
	}

	@Test
	void refusesAStringWhereTheApiSaysIntegerNamingTheField() {
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": \"1\"}"), "quantity",
				"must be an integer, not a string");
		assertRefused(post("{\"flashSaleId\": \"1\", \"quantity\": 1}"), "flashSaleId",
				"must be an integer, not a string");
	}

	@Test
	void refusesADecimalForAnIntegerRatherThanTruncatingIt() {
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1.5}"), "quantity",
				"must be an integer, not a decimal number");
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1.0}"), "quantity",
				"must be an integer, not a decimal number");
	}

	@Test
	void refusesANumberOrABooleanWhereTheApiSaysString() {
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1, \"note\": 5}"), "note", "must be a string");
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1, \"note\": true}"), "note", "must be a string");
	}

	@Test
	void refusesBooleanCoercionsFromStringsAndNumbers() {
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1, \"gift\": \"true\"}"), "gift",
				"must be true or false");
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1, \"gift\": 1}"), "gift", "must be true or false");
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": true}"), "quantity", "must be an integer");
	}

	@Test
	void refusesAStringForADecimalAndNamesNestedFields() {
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1, \"weight\": \"2.5\"}"), "weight", "must be a number");
		assertRefused(post("{\"flashSaleId\": 1, \"quantity\": 1, \"lines\": [{\"sku\": 7, \"units\": \"2\"}]}"),
				"lines[0].units", "must be an integer, not a string");
	}

	@Test
	void acceptsValuesOfTheirOwnTypeAndAnIntegerForADecimal() {
		MvcTestResult result = post(
				"{\"flashSaleId\": 1, \"quantity\": 2, \"note\": \"gift wrap\", \"gift\": true, \"weight\": 3, "
						+ "\"lines\": [{\"sku\": 7, \"units\": 2}]}");
		assertThat(result).hasStatusOk().bodyText().isEqualTo("2 x 1");
		assertThat(this.shop.calls.get()).isOne();
	}

	private MvcTestResult post(String body) {
		return this.mvc.post().uri("/api/purchases").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private void assertRefused(MvcTestResult result, String field, String message) {
		assertThat(result).hasStatus(400);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid-request");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().startsWith(message);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().startsWith(field + " " + message);
		assertThat(this.shop.calls.get()).isZero();
	}

	record Purchase(long flashSaleId, int quantity, String note, Boolean gift, Double weight, List<Line> lines) {

	}

	record Line(long sku, int units) {

	}

	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration" })
	static class App {

		@Bean
		Shop shop() {
			return new Shop();
		}

		@RestController
		static class Shop {

			final AtomicInteger calls = new AtomicInteger();

			@PostMapping("/api/purchases")
			String buy(@RequestBody Purchase purchase) {
				this.calls.incrementAndGet();
				return purchase.quantity() + " x " + purchase.flashSaleId();
			}

		}

	}

}
