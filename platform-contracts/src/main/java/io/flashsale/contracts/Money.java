package io.flashsale.contracts;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money: a {@code long} of minor units (cents, fen) in one currency. Never a
 * floating-point number anywhere an amount flows.
 *
 * <p>
 * Arithmetic is exact and refuses to mix currencies or overflow. The one rounding rule: a
 * share of an amount ({@link #share(long, long)}, and so a percentage) is rounded
 * <em>down</em> to the minor unit, so a discount computed from a rule never gives the
 * shopper more than the rule allows. Whoever spreads an amount over several parts puts
 * the remainder the shares left on one part (the price engine: the largest line), so the
 * parts always add up to the whole.
 *
 * @param minor the amount in minor units; negative only for a difference
 * @param currency the ISO 4217 currency; its default fraction digits give the minor unit
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

	/** The platform's currency until shops sell in several. */
	public static final Currency CNY = Currency.getInstance("CNY");

	public Money {
		Objects.requireNonNull(currency, "currency");
	}

	public static Money of(long minor, Currency currency) {
		return new Money(minor, currency);
	}

	/**
	 * Whether a code names an ISO 4217 currency with a minor unit, the only kind an
	 * amount may be in (not a fund or metal code such as {@code XAU}).
	 * @param code three upper-case letters, or anything a client sent
	 * @return whether {@link Currency#getInstance(String)} knows it and it has a minor
	 * unit
	 */
	public static boolean isCurrencyCode(String code) {
		if (code == null || !code.matches("[A-Z]{3}")) {
			return false;
		}
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
		}
		catch (IllegalArgumentException unknown) {
			return false;
		}
	}

	public static Money zero(Currency currency) {
		return new Money(0, currency);
	}

	public Money plus(Money other) {
		return new Money(Math.addExact(this.minor, sameCurrency(other).minor), this.currency);
	}

	public Money minus(Money other) {
		return new Money(Math.subtractExact(this.minor, sameCurrency(other).minor), this.currency);
	}

	public Money times(long factor) {
		return new Money(Math.multiplyExact(this.minor, factor), this.currency);
	}

	/**
	 * {@code this × numerator / denominator}, rounded down to the minor unit (toward zero
	 * for a negative amount).
	 * @param numerator the share's numerator, not negative
	 * @param denominator the share's denominator, positive
	 * @return the share
	 */
	public Money share(long numerator, long denominator) {
		if (numerator < 0 || denominator <= 0) {
			throw new IllegalArgumentException("a share needs numerator >= 0 and denominator > 0");
		}
		return new Money(Math.multiplyExact(this.minor, numerator) / denominator, this.currency);
	}

	/**
	 * A percentage in basis points (1 % = 100), rounded down like every share.
	 * @param basisPoints 0 to 10,000
	 * @return the percentage of this amount
	 */
	public Money percent(int basisPoints) {
		if (basisPoints < 0 || basisPoints > 10_000) {
			throw new IllegalArgumentException("basis points must be within 0..10000");
		}
		return share(basisPoints, 10_000);
	}

	public Money min(Money other) {
		return (compareTo(other) <= 0) ? this : other;
	}

	public Money max(Money other) {
		return (compareTo(other) >= 0) ? this : other;
	}

	public boolean isZero() {
		return this.minor == 0;
	}

	public boolean isNegative() {
		return this.minor < 0;
	}

	@Override
	public int compareTo(Money other) {
		return Long.compare(this.minor, sameCurrency(other).minor);
	}

	private Money sameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("cannot combine " + this.currency + " with " + other.currency);
		}
		return other;
	}

	/** The amount in major units with the currency's decimals, e.g. {@code 27.75 CNY}. */
	@Override
	public String toString() {
		int digits = Math.max(this.currency.getDefaultFractionDigits(), 0);
		return java.math.BigDecimal.valueOf(this.minor, digits).toPlainString() + " " + this.currency;
	}

}
