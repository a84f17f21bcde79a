package io.flashsale.order.reconciliation;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSaleNotFound;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/reconciliation/{flashSaleId}} (admins only): the sale checked
 * against every stock invariant, including inventory's database stock. The report is
 * NON_CORE; the rebuild is CORE, because it is how a sale paused by lost counters
 * resumes.
 */
@RestController
class ReconciliationController {

	private final FlashSales sales;

	private final Reconciliation reconciliation;

	private final InventoryStock inventory;

	private final CounterRebuild rebuild;

	private final Clock clock;

	ReconciliationController(FlashSales sales, Reconciliation reconciliation, InventoryStock inventory,
			CounterRebuild rebuild, Clock clock) {
		this.clock = clock;
		this.sales = sales;
		this.reconciliation = reconciliation;
		this.inventory = inventory;
		this.rebuild = rebuild;
	}

	@Operation(summary = "Rebuild a sale's lost Redis counters from its orders (admin)",
			description = "Only when the counters are gone (the sale answers sale-paused); 409 counters-live otherwise. "
					+ "Waits until the order writer has drained every purchase acknowledged before the call, so "
					+ "none is sold twice; 503 writer-behind (nothing changed) when it does not drain in time. "
					+ "With flashsale.switches.counter-auto-rebuild on, order-service does this by itself.")
	@PostMapping("/api/admin/reconciliation/{flashSaleId}/rebuild")
	@Graded(Grade.CORE)
	CounterRebuild.Rebuilt rebuild(@PathVariable long flashSaleId) {
		return this.rebuild.rebuild(this.sales.find(flashSaleId).orElseThrow(() -> new FlashSaleNotFound(flashSaleId)),
				this.clock.instant(), "admin");
	}

	@Operation(summary = "Check a flash sale against the stock invariants (admin)")
	@GetMapping("/api/admin/reconciliation/{flashSaleId}")
	@Graded(Grade.NON_CORE)
	ReconciliationReport reconcile(@PathVariable long flashSaleId,
			@Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
		FlashSale sale = this.sales.find(flashSaleId).orElseThrow(() -> new FlashSaleNotFound(flashSaleId));
		InventoryStock.Reading stock = this.inventory.read(flashSaleId, authorization);
		return this.reconciliation.check(sale, stock.remaining(), stock.problem());
	}

}
