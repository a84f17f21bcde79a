package io.flashsale.marketing.flashsale;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.marketing.inventory.AllocationRefused;
import io.flashsale.marketing.inventory.InventoryCallFailed;
import io.flashsale.marketing.inventory.StockAllocations;
import io.flashsale.platform.problem.ApiProblem;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creates flash sales and reads them back.
 *
 * <p>
 * Creating is deliberately not one transaction: the DRAFT row is committed first, so the
 * sale's id exists before inventory-service is asked to allocate stock under it, and no
 * database transaction stays open across the remote call. The allocation is idempotent
 * per sale id, which makes a DRAFT safe to drive again: a request repeated with the same
 * {@code Idempotency-Key} does so.
 */
@Service
class FlashSaleService {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleService.class);

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,64}");

	private final FlashSales sales;

	private final StockAllocations allocations;

	private final FlashSalePublisher publisher;

	private final Clock clock;

	FlashSaleService(FlashSales sales, StockAllocations allocations, FlashSalePublisher publisher, Clock clock) {
		this.sales = sales;
		this.allocations = allocations;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Creates a sale: DRAFT, stock allocated, SCHEDULED, published. With an idempotency
	 * key, a repeat of the same request by the same creator answers with the same sale
	 * (finishing it if it was left DRAFT), and the same problem if it was refused.
	 * @param request the validated request
	 * @param creator the admin's user id
	 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
	 * @return the scheduled sale
	 */
	FlashSaleView create(CreateFlashSale request, String creator, String idempotencyKey) {
		if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw new InvalidIdempotencyKey();
		}
		FlashSale draft = FlashSale.draft(request, creator, idempotencyKey, this.clock.instant());
		if (idempotencyKey != null) {
			FlashSale earlier = this.sales.findByIdempotencyKey(creator, idempotencyKey).orElse(null);
			if (earlier != null) {
				return replay(earlier, draft);
			}
		}
		try {
			this.sales.insert(draft);
		}
		catch (DuplicateKeyException ex) {
			// The same key raced in from a concurrent request; answer as its replay.
			return replay(this.sales.findByIdempotencyKey(creator, idempotencyKey).orElseThrow(), draft);
		}
		return allocateAndSchedule(draft).view(this.clock.instant());
	}

	private FlashSaleView replay(FlashSale earlier, FlashSale repeat) {
		if (!earlier.sameRequestAs(repeat)) {
			throw new IdempotencyKeyReused();
		}
		return switch (earlier.status()) {
			case SCHEDULED -> earlier.view(this.clock.instant());
			case DRAFT -> allocateAndSchedule(earlier).view(this.clock.instant());
			case REJECTED -> throw problemFor(earlier.rejection());
		};
	}

	private FlashSale allocateAndSchedule(FlashSale sale) {
		try {
			this.allocations.allocate(sale.id(), sale.skuId(), sale.stock());
		}
		catch (AllocationRefused ex) {
			ApiProblem problem = problemFor(ex.reason());
			sale.reject(problem.code(), this.clock.instant());
			if (this.sales.transition(sale, FlashSaleStatus.DRAFT) == 0) {
				return current(sale.id());
			}
			throw problem;
		}
		catch (InventoryCallFailed ex) {
			log.warn("Flash sale {} stays DRAFT: {}", sale.id(), ex.getMessage(), ex.getCause());
			throw new InventoryUnavailable();
		}
		sale.schedule(this.clock.instant());
		if (this.sales.transition(sale, FlashSaleStatus.DRAFT) == 0) {
			// A concurrent replay moved it first; answer with what it stored.
			return current(sale.id());
		}
		this.publisher.publish(sale);
		return sale;
	}

	/** The stored state of a sale another request moved on, as this request's answer. */
	private FlashSale current(long id) {
		FlashSale current = this.sales.findById(id).orElseThrow();
		if (current.status() == FlashSaleStatus.REJECTED) {
			throw problemFor(current.rejection());
		}
		return current;
	}

	private static ApiProblem problemFor(AllocationRefused.Reason reason) {
		return switch (reason) {
			case INSUFFICIENT_STOCK -> new InsufficientStock();
			case SKU_NOT_FOUND -> new SkuNotFound();
			case ALLOCATION_CONFLICT -> new AllocationConflict();
		};
	}

	private static ApiProblem problemFor(String rejection) {
		return switch (rejection) {
			case "insufficient-stock" -> new InsufficientStock();
			case "sku-not-found" -> new SkuNotFound();
			default -> new AllocationConflict();
		};
	}

	FlashSaleView find(long id) {
		return this.sales.findById(id)
			.filter(FlashSale::isVisible)
			.map((sale) -> sale.view(this.clock.instant()))
			.orElseThrow(() -> new FlashSaleNotFound(id));
	}

	/** Scheduled sales that have not ended, by start. */
	FlashSalePage upcoming(int page, int size) {
		Instant now = this.clock.instant();
		List<FlashSaleView> items = this.sales.findUpcoming(now, (long) page * size, size)
			.stream()
			.map((sale) -> sale.view(now))
			.toList();
		return new FlashSalePage(items, page, size);
	}

}
