package io.flashsale.inventory.allocation;

import java.time.Instant;
import java.util.Optional;

import io.flashsale.inventory.sku.SkuNotFound;
import io.flashsale.inventory.sku.Skus;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a flash sale its stock, once. Taking the units off the SKU and writing the sale's
 * row happen in one transaction, so stock is never taken without an allocation to show
 * for it, nor allocated twice.
 */
@Service
class Allocations {

	private final Skus skus;

	private final FlashSaleStocks stocks;

	private final TransactionTemplate transactions;

	Allocations(Skus skus, FlashSaleStocks stocks, TransactionTemplate transactions) {
		this.skus = skus;
		this.stocks = stocks;
		this.transactions = transactions;
	}

	/**
	 * Allocates, or replays an identical earlier allocation.
	 * @return the allocation, and whether this call made it
	 * @throws AllocationConflict if the sale has an allocation with another SKU or
	 * quantity
	 * @throws SkuNotFound if the SKU is unknown
	 * @throws InsufficientStock if the SKU has too few units
	 */
	Allocated allocate(long flashSaleId, long skuId, int quantity) {
		try {
			return this.transactions.execute((status) -> allocateOnce(flashSaleId, skuId, quantity));
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request allocated this sale first. Our transaction, and the
			// units
			// it took, rolled back; the committed row decides the answer.
			FlashSaleStock existing = this.stocks.find(flashSaleId).orElseThrow(() -> ex);
			return replay(existing, skuId, quantity);
		}
	}

	private Allocated allocateOnce(long flashSaleId, long skuId, int quantity) {
		Optional<FlashSaleStock> existing = this.stocks.find(flashSaleId);
		if (existing.isPresent()) {
			return replay(existing.get(), skuId, quantity);
		}
		// The conditional update is the stock check: it cannot go negative, and its row
		// lock orders concurrent allocations of one SKU.
		if (this.skus.take(skuId, quantity) == 0) {
			if (!this.skus.exists(skuId)) {
				throw new SkuNotFound(skuId);
			}
			throw new InsufficientStock(skuId, quantity);
		}
		this.stocks.insert(flashSaleId, skuId, quantity, Instant.now());
		return new Allocated(new Allocation(flashSaleId, skuId, quantity, quantity), true);
	}

	private static Allocated replay(FlashSaleStock existing, long skuId, int quantity) {
		if (existing.skuId() != skuId || existing.allocated() != quantity) {
			throw new AllocationConflict(existing);
		}
		return new Allocated(Allocation.of(existing), false);
	}

	FlashSaleStock find(long flashSaleId) {
		return this.stocks.find(flashSaleId).orElseThrow(() -> new FlashSaleNotFound(flashSaleId));
	}

	/**
	 * The outcome of {@link #allocate}.
	 *
	 * @param allocation the sale's allocation
	 * @param created whether this call made it, rather than replayed it
	 */
	record Allocated(Allocation allocation, boolean created) {

	}

}
