package io.flashsale.order.checkout;

import java.util.Map;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * Fewer units are left than were asked for. Tells the gateway which sale, so it answers
 * the sale's next purchases itself ({@link Headers#SALE_CLOSED}).
 */
class SoldOut extends ApiProblem {

	private final long flashSaleId;

	SoldOut(long flashSaleId) {
		super(HttpStatus.CONFLICT, "sold-out", "Sold out", "Flash sale " + flashSaleId + " is sold out.");
		this.flashSaleId = flashSaleId;
	}

	@Override
	public Map<String, String> headers() {
		return Map.of(Headers.SALE_CLOSED, Long.toString(this.flashSaleId));
	}

}
