package io.flashsale.marketing.coupon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.flashsale.contracts.Money;
import io.flashsale.marketing.pricing.CouponOffer;
import io.flashsale.marketing.pricing.CouponOffer.Kind;
import io.flashsale.marketing.pricing.CouponOffer.Scope;

/**
 * A coupon template as stored; MyBatis maps it by position, in the order of
 * {@link CouponTemplates#COLUMNS}. Amounts are minor units of {@code currency}.
 *
 * @param id the template's id, {@code null} until inserted
 * @param scopeIds SHOP and SKUS: the ids, comma-separated; PLATFORM: empty
 * @param validFrom with validUntil: fixed validity
 * @param validUntil with validFrom: fixed validity
 * @param validDays validity counted from each claim, or {@code null}
 */
record CouponTemplate(Long id, String name, Kind kind, String currency, Long amountOffCents, int percentOffBasisPoints,
		Long capCents, Long thresholdCents, Long minimumSpendCents, Scope scope, String scopeIds, int totalStock,
		int perUserLimit, Instant claimStartsAt, Instant claimEndsAt, Instant validFrom, Instant validUntil,
		Integer validDays, String createdBy, Instant createdAt) {

	static CouponTemplate of(CreateCouponTemplate request, String createdBy, Instant now) {
		List<Long> ids = (request.scopeIds() != null) ? request.scopeIds() : List.of();
		return new CouponTemplate(null, request.name(), request.kind(), Money.CNY.getCurrencyCode(),
				request.amountOffCents(),
				(request.percentOffBasisPoints() != null) ? request.percentOffBasisPoints() : 0, request.capCents(),
				request.thresholdCents(), request.minimumSpendCents(), request.scope(),
				ids.stream().map(String::valueOf).collect(Collectors.joining(",")), request.totalStock(),
				request.perUserLimit(), millis(request.claimStartsAt()), millis(request.claimEndsAt()),
				millis(request.validFrom()), millis(request.validUntil()), request.validDays(), createdBy, millis(now));
	}

	CouponTemplate withId(long id) {
		return new CouponTemplate(id, this.name, this.kind, this.currency, this.amountOffCents,
				this.percentOffBasisPoints, this.capCents, this.thresholdCents, this.minimumSpendCents, this.scope,
				this.scopeIds, this.totalStock, this.perUserLimit, this.claimStartsAt, this.claimEndsAt, this.validFrom,
				this.validUntil, this.validDays, this.createdBy, this.createdAt);
	}

	/** The ids of a SHOP or SKUS scope, in the order given. */
	Set<Long> scopeIdSet() {
		if (this.scopeIds == null || this.scopeIds.isEmpty()) {
			return Set.of();
		}
		return Arrays.stream(this.scopeIds.split(","))
			.map(Long::valueOf)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** First instant a coupon claimed at {@code claimedAt} is usable. */
	Instant validFrom(Instant claimedAt) {
		return (this.validDays != null) ? claimedAt : this.validFrom;
	}

	/** First instant a coupon claimed at {@code claimedAt} is no longer usable. */
	Instant validUntil(Instant claimedAt) {
		return (this.validDays != null) ? claimedAt.plus(Duration.ofDays(this.validDays)) : this.validUntil;
	}

	/** The template's rule as the price engine applies it, for one issued coupon. */
	CouponOffer offer(String couponId) {
		Currency money = Currency.getInstance(this.currency);
		return new CouponOffer(couponId, this.kind, amount(this.amountOffCents, money), this.percentOffBasisPoints,
				amount(this.capCents, money), amount(this.thresholdCents, money), amount(this.minimumSpendCents, money),
				this.scope, scopeIdSet());
	}

	private static Money amount(Long minor, Currency currency) {
		return (minor != null) ? Money.of(minor, currency) : null;
	}

	/** Kept to the millisecond, as the database stores it. */
	private static Instant millis(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
	}

}
