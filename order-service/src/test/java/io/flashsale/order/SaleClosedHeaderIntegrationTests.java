package io.flashsale.order;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Headers;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal because the sale cannot sell names the sale in {@link Headers#SALE_CLOSED},
 * which teaches the gateway to answer that sale's next purchases itself; no other answer
 * carries it.
 */
@IntegrationTest
class SaleClosedHeaderIntegrationTests {

	private final TestService service;

	SaleClosedHeaderIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@Test
	void namesTheSaleInSoldOutAndNotActiveRefusalsOnly() throws Exception {
		long sale = newSale();
		long future = newSale();
		this.service.testSales()
			.schedule(sale, 1, 1, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
		this.service.testSales()
			.schedule(future, 1, 1, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));

		HttpResponse<String> accepted = buy("winner", sale);
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.headers().firstValue(Headers.SALE_CLOSED)).isEmpty();

		HttpResponse<String> soldOut = buy("late", sale);
		assertThat(soldOut.statusCode()).isEqualTo(409);
		assertThat(soldOut.body()).contains("\"code\":\"sold-out\"");
		assertThat(soldOut.headers().firstValue(Headers.SALE_CLOSED)).hasValue(Long.toString(sale));

		HttpResponse<String> early = buy("early", future);
		assertThat(early.body()).contains("\"code\":\"sale-not-active\"");
		assertThat(early.headers().firstValue(Headers.SALE_CLOSED)).hasValue(Long.toString(future));

		HttpResponse<String> overLimit = this.service.purchase("greedy",
				"{\"flashSaleId\":" + future + ",\"quantity\":2}");
		assertThat(overLimit.statusCode()).isEqualTo(400);
		assertThat(overLimit.headers().firstValue(Headers.SALE_CLOSED)).isEmpty();
	}

	private HttpResponse<String> buy(String user, long sale) throws Exception {
		return this.service.purchase(user, "{\"flashSaleId\":" + sale + ",\"quantity\":1}");
	}

	private static long newSale() {
		return ThreadLocalRandom.current().nextLong(500_000_000L, 900_000_000L);
	}

}
