package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The price engine's rules on worked examples, amounts in fen (CNY).
 */
class PriceEngineTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final PriceEngine engine = new PriceEngine(StackingMatrix.allCombine());

	@Test
	void spreadsSpend99Save9Over30And40And50AsTheDesignSays() {
		PriceBreakdown quote = this.engine.price(
				List.of(line(1, 1, 3_000, 1), line(2, 1, 4_000, 1), line(3, 1, 5_000, 1)),
				List.of(Promotion.platform(7, cny(9_900), cny(900))), List.of(), NOW);

		assertThat(quote.lines()).extracting((line) -> line.paid().toString())
			.containsExactly("27.75 CNY", "37.00 CNY", "46.25 CNY");
		assertThat(quote.total()).isEqualTo(cny(11_100));
		assertThat(quote.listTotal()).isEqualTo(cny(12_000));
		assertThat(quote.discountTotal()).isEqualTo(cny(900));
		assertThat(quote.applied()).containsExactly(new Applied(Stage.PLATFORM, "7", "platform 7", cny(900)));
		assertThat(quote.lines().get(0).applied())
			.containsExactly(new Applied(Stage.PLATFORM, "7", "platform 7", cny(225)));
	}

	@Test
	void putsTheRoundingRemainderOnTheLargestLine() {
		// 100 off 3 lines of 1.00: shares of 33 each, 1 fen left for the largest (lowest
		// SKU id of the three equal ones).
		PriceBreakdown quote = this.engine.price(List.of(line(9, 1, 100, 1), line(4, 1, 100, 1), line(6, 1, 100, 1)),
				List.of(Promotion.platform(1, cny(300), cny(100))), List.of(), NOW);

		assertThat(paidBySku(quote)).isEqualTo(Map.of(4L, 66L, 6L, 67L, 9L, 67L));
		assertThat(quote.total()).isEqualTo(cny(200));
	}

	@Test
	void appliesOnlyTheBestPromotionOfAKind() {
		PriceBreakdown quote = this.engine.price(
				List.of(line(1, 1, 10_000, 1)), List.of(Promotion.platform(1, cny(5_000), cny(500)),
						Promotion.platform(2, cny(10_000), cny(1_500)), Promotion.platform(3, cny(20_000), cny(5_000))),
				List.of(), NOW);

		assertThat(quote.applied()).extracting(Applied::id).containsExactly("2");
		assertThat(quote.total()).isEqualTo(cny(8_500));
	}

	@Test
	void stacksKindsInOrderAndEvaluatesThresholdsOnWhatIsLeft() {
		// Item cut 10.00 on SKU 1 leaves 90.00 + 20.00 = 110.00; shop 1 spend 100 save 10
		// is met (100.00 left); platform spend 100.01 save 20 is then not met, though the
		// list total (120.00) would have met it.
		PriceBreakdown quote = this.engine.price(List.of(line(1, 1, 10_000, 1), line(2, 1, 2_000, 1)),
				List.of(Promotion.item(5, Set.of(1L), cny(1_000), 0), Promotion.shop(6, 1, cny(10_000), cny(1_000)),
						Promotion.platform(7, cny(10_001), cny(2_000))),
				List.of(), NOW);

		assertThat(quote.applied()).extracting(Applied::kind).containsExactly(Stage.ITEM, Stage.SHOP);
		assertThat(quote.total()).isEqualTo(cny(10_000));
		assertThat(quote.lines().get(0).applied()).extracting(Applied::kind).containsExactly(Stage.ITEM, Stage.SHOP);
	}

	@Test
	void skipsAKindTheStackingMatrixForbidsWithOneAlreadyApplied() {
		StackingMatrix noCouponAfterPlatform = new StackingMatrix(
				Map.of(Stage.PLATFORM, Set.of(Stage.ITEM, Stage.BUNDLE, Stage.SHOP, Stage.GIFT)));
		PriceBreakdown quote = new PriceEngine(noCouponAfterPlatform).price(List.of(line(1, 1, 10_000, 1)),
				List.of(Promotion.platform(1, cny(5_000), cny(500))), List.of(fixed("C1", 2_000)), NOW);

		assertThat(quote.applied()).extracting(Applied::kind).containsExactly(Stage.PLATFORM);
		assertThat(quote.total()).isEqualTo(cny(9_500));

		PriceBreakdown withoutPlatform = new PriceEngine(noCouponAfterPlatform).price(List.of(line(1, 1, 10_000, 1)),
				List.of(), List.of(fixed("C1", 2_000)), NOW);
		assertThat(withoutPlatform.applied()).extracting(Applied::kind).containsExactly(Stage.COUPON);
	}

	@Test
	void cutsItemPricesPerUnitWithTheDeepestCutAndNeverBelowZero() {
		PriceBreakdown quote = this.engine.price(
				List.of(line(1, 1, 999, 3), line(2, 1, 500, 2)), List.of(Promotion.item(1, Set.of(1L), null, 1_000),
						Promotion.item(2, Set.of(1L), cny(50), 0), Promotion.item(3, Set.of(2L), cny(9_999), 0)),
				List.of(), NOW);

		// 10 % of 9.99 is 0.99 (rounded down), deeper than 0.50; SKU 2 is free.
		assertThat(quote.lines().get(0).applied()).containsExactly(new Applied(Stage.ITEM, "1", "item 1", cny(297)));
		assertThat(quote.lines().get(0).paid()).isEqualTo(cny(2_700));
		assertThat(quote.lines().get(1).paid()).isEqualTo(cny(0));
	}

	@Test
	void pricesABundleFromTheDearestUnits() {
		// 3 for 100.00 over 2 × 50.00 and 3 × 30.00: the bundle takes 50 + 50 + 30 =
		// 130.00,
		// saving 30.00, spread in proportion to the lines' 100.00 and 90.00: 15.78 +
		// 14.21,
		// and the fen left on the larger line.
		PriceBreakdown quote = this.engine.price(List.of(line(1, 1, 5_000, 2), line(2, 1, 3_000, 3)),
				List.of(Promotion.bundle(4, Set.of(1L, 2L), 3, cny(10_000))), List.of(), NOW);

		assertThat(quote.applied()).containsExactly(new Applied(Stage.BUNDLE, "4", "bundle 4", cny(3_000)));
		assertThat(paidBySku(quote)).isEqualTo(Map.of(1L, 10_000L - 1_579L, 2L, 9_000L - 1_421L));
		assertThat(quote.total()).isEqualTo(cny(16_000));
	}

	@Test
	void appliesShopSpendSavePerShopOnItsOwnLines() {
		PriceBreakdown quote = this.engine.price(
				List.of(line(1, 1, 6_000, 1), line(2, 2, 6_000, 1)), List.of(Promotion.shop(1, 1, cny(5_000), cny(500)),
						Promotion.shop(2, 2, cny(5_000), cny(700)), Promotion.shop(3, 2, cny(7_000), cny(2_000))),
				List.of(), NOW);

		assertThat(paidBySku(quote)).isEqualTo(Map.of(1L, 5_500L, 2L, 5_300L));
		assertThat(quote.applied()).extracting(Applied::id).containsExactly("1", "2");
	}

	@Test
	void appliesTheOneBestCouponWithinItsScopeAndCap() {
		CouponOffer tenPercentCapped = new CouponOffer("A", CouponOffer.Kind.PERCENT, null, 1_000, cny(1_500), null,
				null, CouponOffer.Scope.PLATFORM, Set.of());
		CouponOffer shopTwoFixed = new CouponOffer("B", CouponOffer.Kind.FIXED, cny(1_200), 0, null, null, null,
				CouponOffer.Scope.SHOP, Set.of(2L));
		CouponOffer spendSaveUnmet = new CouponOffer("C", CouponOffer.Kind.SPEND_SAVE, cny(5_000), 0, null, cny(50_000),
				null, CouponOffer.Scope.PLATFORM, Set.of());
		PriceBreakdown quote = this.engine.price(List.of(line(1, 1, 20_000, 1), line(2, 2, 1_000, 1)), List.of(),
				List.of(tenPercentCapped, shopTwoFixed, spendSaveUnmet), NOW);

		// A: 10 % of 210.00 = 21.00 capped at 15.00; B: 12.00 but only 10.00 eligible; C:
		// threshold unmet.
		assertThat(quote.applied()).containsExactly(new Applied(Stage.COUPON, "A", "A", cny(1_500)));
		assertThat(quote.total()).isEqualTo(cny(19_500));
	}

	@Test
	void keepsACouponToTheLinesOfItsScope() {
		CouponOffer skuTwo = new CouponOffer("S", CouponOffer.Kind.FIXED, cny(5_000), 0, null, null, null,
				CouponOffer.Scope.SKUS, Set.of(2L));
		PriceBreakdown quote = this.engine.price(List.of(line(1, 1, 20_000, 1), line(2, 1, 3_000, 1)), List.of(),
				List.of(skuTwo), NOW);

		assertThat(paidBySku(quote)).isEqualTo(Map.of(1L, 20_000L, 2L, 0L));
	}

	@Test
	void refusesACouponBelowItsMinimumSpend() {
		CouponOffer minimum = new CouponOffer("M", CouponOffer.Kind.FIXED, cny(500), 0, null, null, cny(10_001), null,
				Set.of());
		assertThat(PriceEngine.couponSaving(minimum, cny(10_000))).isEqualTo(cny(0));
		assertThat(PriceEngine.couponSaving(minimum, cny(10_001))).isEqualTo(cny(500));
	}

	@Test
	void addsTheRichestGiftTierReachedAtZero() {
		PriceBreakdown quote = this.engine.price(
				List.of(line(1, 1, 10_000, 1)), List.of(Promotion.gift(1, cny(5_000), 900, 1),
						Promotion.gift(2, cny(10_000), 901, 2), Promotion.gift(3, cny(10_001), 902, 1)),
				List.of(), NOW);

		assertThat(quote.gifts()).containsExactly(new GiftLine(901, 2, 2));
		assertThat(quote.total()).isEqualTo(cny(10_000));
	}

	@Test
	void ignoresPromotionsOutsideTheirWindow() {
		Promotion ended = new Promotion(1, "ended", Stage.PLATFORM, Money.CNY, Set.of(), null, cny(500), 0, 0, null,
				cny(100), 0, 0, NOW.minusSeconds(60), NOW);
		Promotion future = new Promotion(2, "future", Stage.PLATFORM, Money.CNY, Set.of(), null, cny(500), 0, 0, null,
				cny(100), 0, 0, NOW.plusMillis(1), NOW.plusSeconds(60));
		PriceBreakdown quote = this.engine.price(List.of(line(1, 1, 10_000, 1)), List.of(ended, future), List.of(),
				NOW);

		assertThat(quote.applied()).isEmpty();
		assertThat(quote.total()).isEqualTo(cny(10_000));
	}

	@Test
	void ignoresPromotionsMissingWhatTheirKindNeeds() {
		Promotion bundleOfNone = new Promotion(1, "b", Stage.BUNDLE, Money.CNY, Set.of(1L), null, null, 0, 0, cny(1),
				null, 0, 0, NOW.minusSeconds(1), NOW.plusSeconds(1));
		Promotion platformWithoutThreshold = new Promotion(2, "p", Stage.PLATFORM, Money.CNY, Set.of(), null, cny(100),
				0, 0, null, null, 0, 0, NOW.minusSeconds(1), NOW.plusSeconds(1));
		Promotion giftWithoutThreshold = new Promotion(3, "g", Stage.GIFT, Money.CNY, Set.of(), null, null, 0, 0, null,
				null, 9, 1, NOW.minusSeconds(1), NOW.plusSeconds(1));
		PriceBreakdown quote = this.engine.price(List.of(line(1, 1, 1_000, 3)),
				List.of(bundleOfNone, platformWithoutThreshold, giftWithoutThreshold), List.of(), NOW);

		assertThat(quote.applied()).isEmpty();
		assertThat(quote.gifts()).isEmpty();
		assertThat(quote.total()).isEqualTo(cny(3_000));
	}

	@Test
	void refusesRepeatedSkusAndMixedCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.engine.price(List.of(line(1, 1, 100, 1), line(1, 1, 200, 1)), List.of(), List.of(), NOW));
		assertThatIllegalArgumentException().isThrownBy(() -> this.engine.price(
				List.of(line(1, 1, 100, 1),
						new PricedLine(2, 1, Money.of(100, java.util.Currency.getInstance("USD")), 1)),
				List.of(), List.of(), NOW));
		assertThatIllegalArgumentException().isThrownBy(() -> this.engine.price(List.of(), List.of(), List.of(), NOW));
	}

	static Map<Long, Long> paidBySku(PriceBreakdown quote) {
		return quote.lines()
			.stream()
			.collect(java.util.stream.Collectors.toMap(QuotedLine::skuId, (line) -> line.paid().minor()));
	}

	static PricedLine line(long sku, long shop, long unitMinor, int quantity) {
		return new PricedLine(sku, shop, cny(unitMinor), quantity);
	}

	static Money cny(long minor) {
		return Money.of(minor, Money.CNY);
	}

	private static CouponOffer fixed(String id, long minor) {
		return new CouponOffer(id, CouponOffer.Kind.FIXED, cny(minor), 0, null, null, null, CouponOffer.Scope.PLATFORM,
				Set.of());
	}

}
