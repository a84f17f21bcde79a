package io.flashsale.marketing.pricing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.flashsale.contracts.Money;

/**
 * Prices a basket: list prices, then the stages of {@link Stage} in their fixed order
 * (item, bundle, shop, platform, coupon), then gifts. Plain code with no I/O, so a quote
 * costs no query per promotion and every rule is a unit test away.
 *
 * <p>
 * Rules:
 * <ul>
 * <li>Within a stage only the best for the shopper applies: per line for item discounts,
 * per shop for shop spend-save, one for the whole basket for bundle, platform and coupon.
 * Ties go to the lowest promotion id (coupon id), so a result never depends on the order
 * promotions are listed in.</li>
 * <li>A stage is skipped when the {@link StackingMatrix} forbids combining it with a
 * stage already applied.</li>
 * <li>Thresholds are evaluated on what is left to pay after the earlier stages.</li>
 * <li>A discount over several lines is apportioned in proportion to their amounts left to
 * pay, each share rounded down ({@link Money#share}); the remainder goes to the largest
 * line (ties: lowest SKU id), so the lines always add up. A discount never exceeds what
 * its eligible lines have left, and no line goes below zero: a remainder that would take
 * the largest line below zero spills over to the next largest.</li>
 * </ul>
 * Lines are computed in SKU-id order whatever order they come in, so the result does not
 * depend on it; they are returned in the order given.
 */
public final class PriceEngine {

	private final StackingMatrix matrix;

	public PriceEngine(StackingMatrix matrix) {
		this.matrix = Objects.requireNonNull(matrix, "matrix");
	}

	/**
	 * Prices a basket.
	 * @param lines at least one, SKU ids unique, one currency
	 * @param promotions candidates; those not active at {@code at} or in another currency
	 * are ignored
	 * @param coupons the shopper's usable coupons; the best that fits applies
	 * @param at the instant promotions are judged at
	 * @return the breakdown
	 * @throws IllegalArgumentException for an empty basket, a repeated SKU or mixed
	 * currencies
	 */
	public PriceBreakdown price(List<PricedLine> lines, Collection<Promotion> promotions,
			Collection<CouponOffer> coupons, Instant at) {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("a basket needs at least one line");
		}
		Currency currency = lines.getFirst().unitPrice().currency();
		Set<Long> skus = new HashSet<>();
		for (PricedLine line : lines) {
			if (!line.unitPrice().currency().equals(currency)) {
				throw new IllegalArgumentException("a basket's lines must share one currency");
			}
			if (!skus.add(line.skuId())) {
				throw new IllegalArgumentException("SKU " + line.skuId() + " is on two lines");
			}
		}
		Map<Long, Slot> bySku = new TreeMap<>();
		for (PricedLine line : lines) {
			bySku.put(line.skuId(), new Slot(line));
		}
		List<Slot> slots = List.copyOf(bySku.values());
		List<Promotion> active = promotions.stream()
			.filter((promotion) -> promotion.currency().equals(currency) && promotion.isActiveAt(at))
			.sorted(Comparator.comparingLong(Promotion::id))
			.toList();
		List<CouponOffer> usable = coupons.stream()
			.filter((coupon) -> inCurrency(coupon, currency))
			.sorted(Comparator.comparing(CouponOffer::couponId))
			.toList();

		Set<Stage> applied = EnumSet.noneOf(Stage.class);
		stage(Stage.ITEM, applied, () -> items(slots, of(active, Stage.ITEM)));
		stage(Stage.BUNDLE, applied, () -> bundle(slots, of(active, Stage.BUNDLE)));
		stage(Stage.SHOP, applied, () -> shops(slots, of(active, Stage.SHOP)));
		stage(Stage.PLATFORM, applied, () -> platform(slots, of(active, Stage.PLATFORM)));
		stage(Stage.COUPON, applied, () -> coupon(slots, usable));
		List<GiftLine> gifts = new ArrayList<>();
		stage(Stage.GIFT, applied, () -> gift(slots, of(active, Stage.GIFT), gifts));

		Money listTotal = Money.zero(currency);
		Money total = Money.zero(currency);
		Map<String, Applied> summary = new LinkedHashMap<>();
		List<QuotedLine> quoted = new ArrayList<>();
		for (PricedLine line : lines) {
			Slot slot = bySku.get(line.skuId());
			listTotal = listTotal.plus(line.listAmount());
			total = total.plus(slot.paid);
			quoted.add(new QuotedLine(line.skuId(), line.shopId(), line.quantity(), line.unitPrice(), line.listAmount(),
					slot.applied, slot.paid));
		}
		for (Slot slot : slots) {
			for (Applied share : slot.applied) {
				summary.merge(share.kind() + "/" + share.id(), share,
						(a, b) -> new Applied(a.kind(), a.id(), a.name(), a.amount().plus(b.amount())));
			}
		}
		List<Applied> whole = summary.values()
			.stream()
			.sorted(Comparator.comparing(Applied::kind).thenComparing(Applied::id))
			.toList();
		return new PriceBreakdown(quoted, gifts, whole, listTotal, listTotal.minus(total), total);
	}

	private void stage(Stage stage, Set<Stage> applied, StageRun run) {
		if (this.matrix.combinesWithAll(stage, applied) && run.apply()) {
			applied.add(stage);
		}
	}

	/** Per line, the deepest unit price cut; applied to every unit of the line. */
	private static boolean items(List<Slot> slots, List<Promotion> promotions) {
		boolean any = false;
		for (Slot slot : slots) {
			Money unit = slot.line.unitPrice();
			Promotion best = null;
			Money bestCut = Money.zero(unit.currency());
			for (Promotion promotion : promotions) {
				if (!promotion.skuIds().contains(slot.line.skuId())) {
					continue;
				}
				int basisPoints = Math.clamp(promotion.percentOffBasisPoints(), 0, 10_000);
				Money cut = (promotion.amountOff() != null)
						? promotion.amountOff().min(unit).max(Money.zero(unit.currency())) : unit.percent(basisPoints);
				if (cut.compareTo(bestCut) > 0) {
					best = promotion;
					bestCut = cut;
				}
			}
			if (best != null) {
				slot.take(new Applied(Stage.ITEM, String.valueOf(best.id()), best.name(),
						bestCut.times(slot.line.quantity())));
				slot.unitLeft = unit.minus(bestCut);
				any = true;
			}
		}
		return any;
	}

	/**
	 * The bundle saving the most: its units are drawn dearest first (what gives the
	 * shopper most), and the saving is what those units cost less the bundles' price.
	 */
	private static boolean bundle(List<Slot> slots, List<Promotion> promotions) {
		Promotion best = null;
		Money bestSaving = null;
		List<Slot> bestLines = List.of();
		for (Promotion promotion : promotions) {
			if (promotion.bundleQuantity() <= 0 || promotion.bundlePrice() == null) {
				continue;
			}
			List<Slot> eligible = slots.stream()
				.filter((slot) -> promotion.skuIds().contains(slot.line.skuId()) && !slot.unitLeft.isZero())
				.sorted(Comparator.comparing((Slot slot) -> slot.unitLeft).reversed().thenComparing(Slot::skuId))
				.toList();
			long units = eligible.stream().mapToLong((slot) -> slot.line.quantity()).sum();
			long bundles = units / promotion.bundleQuantity();
			if (bundles == 0) {
				continue;
			}
			long toDraw = bundles * promotion.bundleQuantity();
			Money drawn = Money.zero(promotion.currency());
			List<Slot> drawnFrom = new ArrayList<>();
			for (Slot slot : eligible) {
				if (toDraw == 0) {
					break;
				}
				long take = Math.min(toDraw, slot.line.quantity());
				drawn = drawn.plus(slot.unitLeft.times(take));
				drawnFrom.add(slot);
				toDraw -= take;
			}
			Money saving = drawn.minus(promotion.bundlePrice().times(bundles));
			if (saving.minor() > 0 && (bestSaving == null || saving.compareTo(bestSaving) > 0)) {
				best = promotion;
				bestSaving = saving;
				bestLines = drawnFrom;
			}
		}
		if (best == null) {
			return false;
		}
		return apportion(bestSaving, bestLines, Stage.BUNDLE, String.valueOf(best.id()), best.name());
	}

	/** Per shop, its best spend-save on its own lines. */
	private static boolean shops(List<Slot> slots, List<Promotion> promotions) {
		Map<Long, List<Slot>> byShop = new TreeMap<>();
		for (Slot slot : slots) {
			byShop.computeIfAbsent(slot.line.shopId(), (shop) -> new ArrayList<>()).add(slot);
		}
		boolean any = false;
		for (Map.Entry<Long, List<Slot>> shop : byShop.entrySet()) {
			List<Promotion> own = promotions.stream()
				.filter((promotion) -> shop.getKey().equals(promotion.shopId()))
				.toList();
			any |= spendSave(shop.getValue(), own, Stage.SHOP);
		}
		return any;
	}

	private static boolean platform(List<Slot> slots, List<Promotion> promotions) {
		return spendSave(slots, promotions, Stage.PLATFORM);
	}

	private static boolean spendSave(List<Slot> lines, List<Promotion> promotions, Stage stage) {
		Money eligible = left(lines);
		Promotion best = null;
		Money bestSaving = Money.zero(eligible.currency());
		for (Promotion promotion : promotions) {
			if (promotion.threshold() == null || promotion.amountOff() == null
					|| eligible.compareTo(promotion.threshold()) < 0) {
				continue;
			}
			Money saving = promotion.amountOff().min(eligible);
			if (saving.compareTo(bestSaving) > 0) {
				best = promotion;
				bestSaving = saving;
			}
		}
		return best != null && apportion(bestSaving, lines, stage, String.valueOf(best.id()), best.name());
	}

	/** The one coupon taking the most off its eligible lines. */
	private static boolean coupon(List<Slot> slots, List<CouponOffer> coupons) {
		CouponOffer best = null;
		Money bestSaving = null;
		List<Slot> bestLines = List.of();
		for (CouponOffer coupon : coupons) {
			List<Slot> eligible = slots.stream().filter((slot) -> covers(coupon, slot.line)).toList();
			if (eligible.isEmpty()) {
				continue;
			}
			Money amount = left(eligible);
			Money saving = couponSaving(coupon, amount);
			if (saving.minor() > 0 && (bestSaving == null || saving.compareTo(bestSaving) > 0)) {
				best = coupon;
				bestSaving = saving;
				bestLines = eligible;
			}
		}
		return best != null && apportion(bestSaving, bestLines, Stage.COUPON, best.couponId(), best.couponId());
	}

	static Money couponSaving(CouponOffer coupon, Money eligible) {
		Money none = Money.zero(eligible.currency());
		if (coupon.minimumSpend() != null && eligible.compareTo(coupon.minimumSpend()) < 0) {
			return none;
		}
		return switch (coupon.kind()) {
			case FIXED -> (coupon.amountOff() != null) ? coupon.amountOff().min(eligible) : none;
			case SPEND_SAVE -> (coupon.amountOff() != null && coupon.threshold() != null
					&& eligible.compareTo(coupon.threshold()) >= 0) ? coupon.amountOff().min(eligible) : none;
			case PERCENT -> {
				if (coupon.percentOffBasisPoints() <= 0 || coupon.percentOffBasisPoints() > 10_000) {
					yield none;
				}
				Money off = eligible.percent(coupon.percentOffBasisPoints());
				yield (coupon.cap() != null) ? off.min(coupon.cap()) : off;
			}
		};
	}

	private static boolean covers(CouponOffer coupon, PricedLine line) {
		Set<Long> ids = (coupon.scopeIds() != null) ? coupon.scopeIds() : Set.of();
		return switch (coupon.scope()) {
			case PLATFORM -> true;
			case SHOP -> ids.contains(line.shopId());
			case SKUS -> ids.contains(line.skuId());
		};
	}

	private static boolean inCurrency(CouponOffer coupon, Currency currency) {
		return coupon.kind() != null && coupon.scope() != null && sameOrNull(coupon.amountOff(), currency)
				&& sameOrNull(coupon.cap(), currency) && sameOrNull(coupon.threshold(), currency)
				&& sameOrNull(coupon.minimumSpend(), currency);
	}

	private static boolean sameOrNull(Money money, Currency currency) {
		return money == null || money.currency().equals(currency);
	}

	/**
	 * The richest gift tier the amount to pay reaches (highest threshold, then lowest
	 * id): gifts have no price here to compare, and tiers are how shops offer them.
	 */
	private static boolean gift(List<Slot> slots, List<Promotion> promotions, List<GiftLine> gifts) {
		Money toPay = left(slots);
		Promotion best = null;
		for (Promotion promotion : promotions) {
			if (promotion.threshold() != null && toPay.compareTo(promotion.threshold()) >= 0
					&& (best == null || promotion.threshold().compareTo(best.threshold()) > 0)) {
				best = promotion;
			}
		}
		if (best == null) {
			return false;
		}
		gifts.add(new GiftLine(best.giftSkuId(), best.giftQuantity(), best.id()));
		return true;
	}

	private static boolean apportion(Money discount, List<Slot> lines, Stage stage, String id, String name) {
		Map<Slot, Money> shares = apportion(discount, lines);
		shares.forEach((slot, share) -> slot.take(new Applied(stage, id, name, share)));
		return !shares.isEmpty();
	}

	/**
	 * Spreads a discount over lines in proportion to what each has left to pay, each
	 * share rounded down, the remainder on the largest line (ties: lowest SKU id) as far
	 * as it has room, then on the next largest.
	 * @return each line's positive share; they add up to the discount capped at what the
	 * lines have left
	 */
	static Map<Slot, Money> apportion(Money discount, List<Slot> lines) {
		Money total = left(lines);
		Map<Slot, Money> shares = new LinkedHashMap<>();
		if (discount.minor() <= 0 || total.isZero()) {
			return shares;
		}
		Money spread = discount.min(total);
		Money rest = spread;
		for (Slot slot : lines) {
			Money share = share(spread, slot.paid.minor(), total.minor());
			shares.put(slot, share);
			rest = rest.minus(share);
		}
		List<Slot> largestFirst = lines.stream()
			.sorted(Comparator.comparing((Slot slot) -> slot.paid).reversed().thenComparing(Slot::skuId))
			.toList();
		for (Slot slot : largestFirst) {
			if (rest.isZero()) {
				break;
			}
			Money share = shares.get(slot);
			Money extra = rest.min(slot.paid.minus(share));
			shares.put(slot, share.plus(extra));
			rest = rest.minus(extra);
		}
		shares.values().removeIf(Money::isZero);
		return shares;
	}

	/** {@link Money#share}, exact beyond {@code long} products too. */
	private static Money share(Money amount, long numerator, long denominator) {
		try {
			return amount.share(numerator, denominator);
		}
		catch (ArithmeticException overflow) {
			long minor = BigInteger.valueOf(amount.minor())
				.multiply(BigInteger.valueOf(numerator))
				.divide(BigInteger.valueOf(denominator))
				.longValueExact();
			return Money.of(minor, amount.currency());
		}
	}

	private static Money left(List<Slot> lines) {
		Money sum = Money.zero(lines.getFirst().line.unitPrice().currency());
		for (Slot slot : lines) {
			sum = sum.plus(slot.paid);
		}
		return sum;
	}

	private static List<Promotion> of(List<Promotion> promotions, Stage stage) {
		return promotions.stream().filter((promotion) -> promotion.kind() == stage).toList();
	}

	@FunctionalInterface
	private interface StageRun {

		/**
		 * @return whether the stage took anything off (or added a gift)
		 */
		boolean apply();

	}

	/** A line being priced: what is left to pay and what was applied so far. */
	static final class Slot {

		final PricedLine line;

		Money paid;

		/** A unit's price after the item stage: what the bundle stage draws units at. */
		Money unitLeft;

		final List<Applied> applied = new ArrayList<>();

		Slot(PricedLine line) {
			this.line = line;
			this.paid = line.listAmount();
			this.unitLeft = line.unitPrice();
		}

		long skuId() {
			return this.line.skuId();
		}

		void take(Applied share) {
			this.paid = this.paid.minus(share.amount());
			this.applied.add(share);
		}

	}

}
