package io.flashsale.marketing.pricing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists and ends promotions, and reloads this instance's
 * {@link ActivePromotions} after each change.
 */
@Service
class PromotionService {

	private final Promotions promotions;

	private final ActivePromotions active;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PromotionService(Promotions promotions, ActivePromotions active, TransactionTemplate transactions, Clock clock) {
		this.promotions = promotions;
		this.active = active;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Stores the promotion with its SKUs in one transaction. */
	PromotionView create(CreatePromotion request, String admin) {
		Instant now = this.clock.instant();
		NewPromotion promotion = new NewPromotion(request, admin, now);
		this.transactions.executeWithoutResult((status) -> {
			this.promotions.insert(promotion);
			if (request.skuIds() != null && !request.skuIds().isEmpty()) {
				this.promotions.insertSkus(promotion.getId(), request.skuIds());
			}
		});
		this.active.refresh();
		return find(promotion.getId());
	}

	/** Ends a promotion now; ending one already ended changes nothing and answers it. */
	PromotionView end(long id) {
		if (this.promotions.end(id, this.clock.instant()) == 1) {
			this.active.refresh();
		}
		return find(id);
	}

	PromotionView find(long id) {
		PromotionRow row = this.promotions.findById(id).orElseThrow(() -> new PromotionNotFound(id));
		return views(List.of(row)).getFirst();
	}

	List<PromotionView> page(int page, int size) {
		return views(this.promotions.findPage((long) page * size, size));
	}

	private List<PromotionView> views(List<PromotionRow> rows) {
		Map<Long, Set<Long>> skus = ActivePromotions.skusOf(this.promotions, rows);
		Instant now = this.clock.instant();
		return rows.stream().map((row) -> row.toView(skus.getOrDefault(row.id(), Set.of()), now)).toList();
	}

}
