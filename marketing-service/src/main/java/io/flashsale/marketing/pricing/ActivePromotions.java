package io.flashsale.marketing.pricing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promotions not yet ended, held in memory so a quote costs no query per promotion.
 * Reloaded every {@code flashsale.pricing.promotions-refresh} and at once on this
 * instance after an admin creates or ends one; another instance sees the change at its
 * next reload. Scheduled promotions are held too, and the engine judges each one's window
 * at the quote's instant, so a promotion starts on time whatever the reload interval. An
 * admin's end is the one change that can lag by up to an interval on other instances.
 */
class ActivePromotions {

	private static final Logger log = LoggerFactory.getLogger(ActivePromotions.class);

	private final Promotions promotions;

	private final Clock clock;

	private volatile List<Promotion> current;

	ActivePromotions(Promotions promotions, Clock clock) {
		this.promotions = promotions;
		this.clock = clock;
	}

	/** The promotions as last loaded; the first call loads them. */
	List<Promotion> current() {
		List<Promotion> loaded = this.current;
		if (loaded == null) {
			synchronized (this) {
				if (this.current == null) {
					refresh();
				}
				loaded = this.current;
			}
		}
		return loaded;
	}

	/** Reloads from the database; on failure the last list stays (logged). */
	void refresh() {
		try {
			List<PromotionRow> rows = this.promotions.findNotEnded(this.clock.instant());
			Map<Long, Set<Long>> skus = skusOf(this.promotions, rows);
			this.current = rows.stream().map((row) -> row.toPromotion(skus.getOrDefault(row.id(), Set.of()))).toList();
		}
		catch (RuntimeException ex) {
			if (this.current == null) {
				throw ex;
			}
			log.warn("Reloading promotions failed; quoting with the {} loaded before", this.current.size(), ex);
		}
	}

	static Map<Long, Set<Long>> skusOf(Promotions promotions, List<PromotionRow> rows) {
		if (rows.isEmpty()) {
			return Map.of();
		}
		return promotions.findSkus(rows.stream().map(PromotionRow::id).toList())
			.stream()
			.collect(Collectors.groupingBy(PromotionSku::promotionId,
					Collectors.mapping(PromotionSku::skuId, Collectors.toCollection(TreeSet::new))));
	}

}
