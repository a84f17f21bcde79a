package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import io.flashsale.contracts.Money;
import io.flashsale.marketing.pricing.PriceEngine.Slot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the price engine for any basket within the quote's limits (1 to 8 lines
 * here, up to 99 units of up to 10,000.00 each, three shops) and any mix of promotions
 * and coupons.
 */
class PriceEngineInvariantsTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final PriceEngine engine = new PriceEngine(StackingMatrix.allCombine());

	@Property
	void linesAlwaysAddUpToTheTotal(@ForAll("baskets") Basket basket) {
		PriceBreakdown quote = price(basket);

		Money paid = quote.lines().stream().map(QuotedLine::paid).reduce(Money.zero(Money.CNY), Money::plus);
		Money applied = quote.applied().stream().map(Applied::amount).reduce(Money.zero(Money.CNY), Money::plus);
		assertThat(paid).isEqualTo(quote.total());
		assertThat(quote.total()).isEqualTo(quote.listTotal().minus(quote.discountTotal()));
		assertThat(applied).isEqualTo(quote.discountTotal());
		for (QuotedLine line : quote.lines()) {
			Money shares = line.applied().stream().map(Applied::amount).reduce(Money.zero(Money.CNY), Money::plus);
			assertThat(line.listAmount().minus(shares)).isEqualTo(line.paid());
		}
	}

	@Property
	void noLineGoesBelowZeroNorAboveItsListAmount(@ForAll("baskets") Basket basket) {
		for (QuotedLine line : price(basket).lines()) {
			assertThat(line.paid().isNegative()).as("line %s", line.skuId()).isFalse();
			assertThat(line.paid()).isLessThanOrEqualTo(line.listAmount());
			assertThat(line.applied()).allSatisfy((share) -> assertThat(share.amount().minor()).isPositive());
		}
	}

	@Property
	void theResultDoesNotDependOnLineOrPromotionOrder(@ForAll("baskets") Basket basket,
			@ForAll @LongRange(min = 0, max = 1_000) long seed) {
		List<PricedLine> lines = new ArrayList<>(basket.lines());
		List<Promotion> promotions = new ArrayList<>(basket.promotions());
		List<CouponOffer> coupons = new ArrayList<>(basket.coupons());
		Random random = new Random(seed);
		Collections.shuffle(lines, random);
		Collections.shuffle(promotions, random);
		Collections.shuffle(coupons, random);

		PriceBreakdown original = price(basket);
		PriceBreakdown shuffled = this.engine.price(lines, promotions, coupons, NOW);

		assertThat(bySku(shuffled)).isEqualTo(bySku(original));
		assertThat(shuffled.applied()).isEqualTo(original.applied());
		assertThat(shuffled.gifts()).isEqualTo(original.gifts());
		assertThat(shuffled.total()).isEqualTo(original.total());
	}

	@Property
	void apportioningPutsTheRemainderOnTheLargestLine(@ForAll("amounts") List<Long> amounts,
			@ForAll @LongRange(min = 1, max = 100_000_000) long discountMinor) {
		List<Slot> slots = new ArrayList<>();
		for (int i = 0; i < amounts.size(); i++) {
			Slot slot = new Slot(new PricedLine(i + 1, 1, cny(1), 1));
			// What a line has left may be zero after earlier stages.
			slot.paid = cny(amounts.get(i));
			slots.add(slot);
		}
		long total = amounts.stream().mapToLong(Long::longValue).sum();
		Money discount = cny(discountMinor);
		Map<Slot, Money> shares = PriceEngine.apportion(discount, slots);

		long spread = shares.values().stream().mapToLong(Money::minor).sum();
		assertThat(spread).isEqualTo(Math.min(discountMinor, total));
		Slot largest = slots.stream()
			.sorted(java.util.Comparator.comparing((Slot slot) -> slot.paid).reversed().thenComparing(Slot::skuId))
			.findFirst()
			.orElseThrow();
		long applied = Math.min(discountMinor, total);
		long largestShare = shares.getOrDefault(largest, cny(0)).minor();
		boolean remainderFitsOnLargest = largestShare < largest.paid.minor();
		for (Slot slot : slots) {
			long share = shares.getOrDefault(slot, cny(0)).minor();
			long floor = Math.floorDiv(Math.multiplyExact(applied, slot.paid.minor()), total);
			assertThat(share).isBetween(0L, slot.paid.minor());
			if (slot == largest) {
				assertThat(share).isGreaterThanOrEqualTo(floor);
			}
			else if (remainderFitsOnLargest) {
				// The largest line took the whole remainder: every other line has exactly
				// its rounded-down share.
				assertThat(share).isEqualTo(floor);
			}
		}
	}

	@Property
	void platformSpendSaveGivesExactlyTheBestRuleAllows(@ForAll("lines") List<PricedLine> lines,
			@ForAll("platformPromotions") List<Promotion> promotions) {
		PriceBreakdown quote = this.engine.price(lines, promotions, List.of(), NOW);

		Money listTotal = quote.listTotal();
		long best = promotions.stream()
			.filter((promotion) -> listTotal.compareTo(promotion.threshold()) >= 0)
			.mapToLong((promotion) -> promotion.amountOff().min(listTotal).minor())
			.max()
			.orElse(0);
		assertThat(quote.discountTotal().minor()).isEqualTo(best);
		assertThat(quote.applied()).hasSizeLessThanOrEqualTo(1);
	}

	@Property
	void neverGivesMoreThanTheRulesAllow(@ForAll("baskets") Basket basket) {
		PriceBreakdown quote = price(basket);
		Map<Long, Promotion> promotions = basket.promotions()
			.stream()
			.collect(Collectors.toMap(Promotion::id, (promotion) -> promotion));
		Map<String, CouponOffer> coupons = basket.coupons()
			.stream()
			.collect(Collectors.toMap(CouponOffer::couponId, (coupon) -> coupon));

		assertThat(quote.applied().stream().filter((applied) -> applied.kind() == Stage.PLATFORM)).hasSizeLessThan(2);
		assertThat(quote.applied().stream().filter((applied) -> applied.kind() == Stage.BUNDLE)).hasSizeLessThan(2);
		assertThat(quote.applied().stream().filter((applied) -> applied.kind() == Stage.COUPON)).hasSizeLessThan(2);
		for (Applied applied : quote.applied()) {
			Money before = quote.listTotal()
				.minus(quote.applied()
					.stream()
					.filter((earlier) -> earlier.kind().compareTo(applied.kind()) < 0)
					.map(Applied::amount)
					.reduce(Money.zero(Money.CNY), Money::plus));
			switch (applied.kind()) {
				case ITEM -> {
					Promotion item = promotions.get(Long.parseLong(applied.id()));
					for (QuotedLine line : quote.lines()) {
						line.applied()
							.stream()
							.filter((share) -> share.equals(applied) || sameSource(share, applied))
							.forEach((share) -> {
								assertThat(item.skuIds()).contains(line.skuId());
								Money most = (item.amountOff() != null) ? item.amountOff().min(line.unitPrice())
										: line.unitPrice().percent(item.percentOffBasisPoints());
								assertThat(share.amount()).isEqualTo(most.times(line.quantity()));
							});
					}
				}
				case SHOP, PLATFORM -> {
					Promotion spendSave = promotions.get(Long.parseLong(applied.id()));
					assertThat(applied.amount()).isLessThanOrEqualTo(spendSave.amountOff());
					assertThat(before).isGreaterThanOrEqualTo(spendSave.threshold());
				}
				case COUPON -> {
					CouponOffer coupon = coupons.get(applied.id());
					assertThat(applied.amount()).isLessThanOrEqualTo(PriceEngine.couponSaving(coupon, before));
				}
				case BUNDLE -> assertThat(applied.amount()).isLessThanOrEqualTo(before);
				case GIFT -> throw new AssertionError("gifts take nothing off");
			}
		}
	}

	private static boolean sameSource(Applied share, Applied whole) {
		return share.kind() == whole.kind() && share.id().equals(whole.id());
	}

	private PriceBreakdown price(Basket basket) {
		return this.engine.price(basket.lines(), basket.promotions(), basket.coupons(), NOW);
	}

	private static Map<Long, QuotedLine> bySku(PriceBreakdown quote) {
		return quote.lines().stream().collect(Collectors.toMap(QuotedLine::skuId, (line) -> line));
	}

	@Provide
	Arbitrary<List<Long>> amounts() {
		return Arbitraries.longs()
			.between(0, 10_000_000)
			.list()
			.ofMinSize(1)
			.ofMaxSize(10)
			.filter((amounts) -> amounts.stream().mapToLong(Long::longValue).sum() > 0);
	}

	@Provide
	Arbitrary<List<PricedLine>> lines() {
		Arbitrary<PricedLine> line = Combinators
			.combine(Arbitraries.longs().between(1, 20), Arbitraries.longs().between(1, 3),
					Arbitraries.longs().between(1, 1_000_000), Arbitraries.integers().between(1, 99))
			.as((sku, shop, unit, quantity) -> new PricedLine(sku, shop, cny(unit), quantity));
		return line.list().ofMinSize(1).ofMaxSize(8).uniqueElements(PricedLine::skuId);
	}

	@Provide
	Arbitrary<List<Promotion>> platformPromotions() {
		return platform().list().ofMaxSize(5).uniqueElements(Promotion::id);
	}

	@Provide
	Arbitrary<Basket> baskets() {
		Arbitrary<Promotion> promotion = Arbitraries.oneOf(item(), bundle(), shop(), platform(), gift());
		Arbitrary<List<Promotion>> promotions = promotion.list().ofMaxSize(8).uniqueElements(Promotion::id);
		Arbitrary<List<CouponOffer>> coupons = coupon().list().ofMaxSize(3).uniqueElements(CouponOffer::couponId);
		return Combinators.combine(lines(), promotions, coupons).as(Basket::new);
	}

	private static Arbitrary<Long> ids() {
		return Arbitraries.longs().between(1, 1_000);
	}

	private static Arbitrary<Set<Long>> skuSets() {
		return Arbitraries.longs().between(1, 20).set().ofMinSize(1).ofMaxSize(6);
	}

	private static Arbitrary<Money> money(long max) {
		return Arbitraries.longs().between(1, max).map(PriceEngineInvariantsTests::cny);
	}

	private static Arbitrary<Promotion> item() {
		Arbitrary<Promotion> amount = Combinators.combine(ids(), skuSets(), money(500_000))
			.as((id, skus, off) -> Promotion.item(id, skus, off, 0));
		Arbitrary<Promotion> percent = Combinators.combine(ids(), skuSets(), Arbitraries.integers().between(1, 10_000))
			.as((id, skus, bp) -> Promotion.item(id, skus, null, bp));
		return Arbitraries.oneOf(amount, percent);
	}

	private static Arbitrary<Promotion> bundle() {
		return Combinators.combine(ids(), skuSets(), Arbitraries.integers().between(2, 5), money(2_000_000))
			.as(Promotion::bundle);
	}

	private static Arbitrary<Promotion> shop() {
		return Combinators.combine(ids(), Arbitraries.longs().between(1, 3), money(10_000_000), money(1_000_000))
			.as(Promotion::shop);
	}

	private static Arbitrary<Promotion> platform() {
		return Combinators.combine(ids(), money(50_000_000), money(5_000_000)).as(Promotion::platform);
	}

	private static Arbitrary<Promotion> gift() {
		return Combinators
			.combine(ids(), money(50_000_000), Arbitraries.longs().between(100, 200),
					Arbitraries.integers().between(1, 3))
			.as(Promotion::gift);
	}

	private static Arbitrary<CouponOffer> coupon() {
		Arbitrary<String> ids = Arbitraries.strings().withCharRange('A', 'Z').ofLength(4);
		Arbitrary<CouponOffer.Scope> scopes = Arbitraries.of(CouponOffer.Scope.class);
		Arbitrary<CouponOffer> fixed = Combinators.combine(ids, money(1_000_000), scopes, skuSets())
			.as((id, off, scope, scopeIds) -> new CouponOffer(id, CouponOffer.Kind.FIXED, off, 0, null, null, null,
					scope, scopeIds));
		Arbitrary<CouponOffer> percent = Combinators
			.combine(ids, Arbitraries.integers().between(1, 10_000), money(1_000_000).injectNull(0.3), scopes,
					skuSets())
			.as((id, bp, cap, scope, scopeIds) -> new CouponOffer(id, CouponOffer.Kind.PERCENT, null, bp, cap, null,
					null, scope, scopeIds));
		Arbitrary<CouponOffer> spendSave = Combinators
			.combine(ids, money(1_000_000), money(10_000_000), money(10_000_000).injectNull(0.5), scopes, skuSets())
			.as((id, off, threshold, minimum, scope, scopeIds) -> new CouponOffer(id, CouponOffer.Kind.SPEND_SAVE, off,
					0, null, threshold, minimum, scope, scopeIds));
		return Arbitraries.oneOf(fixed, percent, spendSave);
	}

	static Money cny(long minor) {
		return Money.of(minor, Money.CNY);
	}

	record Basket(List<PricedLine> lines, List<Promotion> promotions, List<CouponOffer> coupons) {

	}

}
