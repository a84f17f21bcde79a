package io.flashsale.order.catalog;

import java.time.Clock;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/orders/flash-sales/{id}}: what the purchase path knows of a sale, for a
 * shopper's countdown page. Answered from memory only (no Redis, no database), so polling
 * it before the start costs the backend next to nothing. IMPORTANT; while shed it keeps
 * answering from memory, which is what it does anyway (no fallback could be cheaper).
 */
@RestController
class SaleInfoController {

	private final FlashSales sales;

	private final SoldOutMemory soldOut;

	private final Clock clock;

	SaleInfoController(FlashSales sales, SoldOutMemory soldOut, Clock clock) {
		this.sales = sales;
		this.soldOut = soldOut;
		this.clock = clock;
	}

	@Operation(summary = "A flash sale as the purchase path knows it, from memory")
	@GetMapping("/api/orders/flash-sales/{flashSaleId}")
	@Graded(value = Grade.IMPORTANT, fallback = "fromMemory")
	SaleInfo get(@PathVariable long flashSaleId) {
		return fromMemory(flashSaleId);
	}

	SaleInfo fromMemory(long flashSaleId) {
		FlashSale sale = this.sales.find(flashSaleId).orElseThrow(() -> new FlashSaleNotFound(flashSaleId));
		Instant now = this.clock.instant();
		return new SaleInfo(sale.id(), sale.priceCents(), sale.perUserLimit(), sale.startsAt(), sale.endsAt(),
				sale.isActiveAt(now), this.soldOut.isSoldOut(sale.id()));
	}

	/**
	 * @param flashSaleId the sale
	 * @param priceCents price per unit
	 * @param perUserLimit most units per shopper
	 * @param startsAt start of the window
	 * @param endsAt end of the window (exclusive)
	 * @param active whether the window is open now
	 * @param soldOut whether this instance knows it sold out (may lag by a moment)
	 */
	record SaleInfo(long flashSaleId, long priceCents, int perUserLimit, Instant startsAt, Instant endsAt,
			boolean active, boolean soldOut) {

	}

}
