package io.flashsale.loadtest.demo;

import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.Gateway;

import static org.assertj.core.api.Assertions.assertThat;

class SaleDemoTests {

	@Test
	void classifiesAnswersByStatusAndProblemCode() {
		assertThat(SaleDemo.classify(new Gateway.Answer(202, "{\"orderId\":\"1-a\"}"))).isEqualTo("accepted");
		assertThat(SaleDemo.classify(new Gateway.Answer(409, "{\"code\":\"sold-out\"}"))).isEqualTo("sold-out");
		assertThat(SaleDemo.classify(new Gateway.Answer(409, "{\"code\":\"limit-exceeded\"}")))
			.isEqualTo("limit-exceeded");
		assertThat(SaleDemo.classify(new Gateway.Answer(429, "{\"code\":\"rate-limited\"}"))).isEqualTo("rate-limited");
		assertThat(SaleDemo.classify(new Gateway.Answer(409, "{\"code\":\"sale-not-active\"}"))).isEqualTo("errors");
		assertThat(SaleDemo.classify(new Gateway.Answer(503, "{\"code\":\"sale-paused\"}"))).isEqualTo("errors");
		assertThat(SaleDemo.classify(new Gateway.Answer(503, "{\"code\":\"order-not-accepted\"}")))
			.isEqualTo("not-accepted");
		assertThat(SaleDemo.classify(new Gateway.Answer(-1, "ConnectException"))).isEqualTo("errors");
	}

}
