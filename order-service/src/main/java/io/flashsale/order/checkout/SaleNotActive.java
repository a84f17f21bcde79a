package io.flashsale.order.checkout;

import java.util.Map;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The sale has not started or is over. Tells the gateway which sale, so it answers the
 * sale's next purchases itself ({@link Headers#SALE_CLOSED}).
 */
class SaleNotActive extends ApiProblem {

	private final long flashSaleId;

	SaleNotActive(long flashSaleId, String detail) {
		super(HttpStatus.CONFLICT, "sale-not-active", "Sale not active", detail);
		this.flashSaleId = flashSaleId;
	}

	@Override
	public Map<String, String> headers() {
		return Map.of(Headers.SALE_CLOSED, Long.toString(this.flashSaleId));
	}

}
