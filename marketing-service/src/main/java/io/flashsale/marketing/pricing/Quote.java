package io.flashsale.marketing.pricing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A signed price the checkout honours until {@code expiresAt}: self-contained, so whoever
 * holds it can have it checked with {@link Quotes#verify} without a stored copy. Amounts
 * are minor units of {@code currency}; the lines' {@code paidMinor} add up to
 * {@code totalMinor}.
 *
 * @param id the quote
 * @param userId the shopper it was made for (from the token, never the body)
 * @param currency ISO 4217 code of every amount
 * @param lines per basket line: the list price, each promotion and coupon applied with
 * its share, and what the shopper pays for it
 * @param gifts zero-priced gift lines
 * @param discounts each promotion and coupon applied with its whole amount, in stage
 * order
 * @param listTotalMinor the basket at list prices
 * @param discountTotalMinor everything taken off
 * @param totalMinor what the shopper pays
 * @param issuedAt when it was made
 * @param expiresAt the first instant it is no longer honoured
 * @param signature HMAC-SHA256 of {@link #canonical()}, base64url
 */
public record Quote(String id, String userId, String currency, List<Line> lines, List<Gift> gifts,
		List<Discount> discounts, long listTotalMinor, long discountTotalMinor, long totalMinor, Instant issuedAt,
		Instant expiresAt, String signature) {

	/**
	 * The content the signature covers: every field but the signature, one per line in a
	 * fixed order, strings URL-encoded so no value can pass for a separator. Versioned,
	 * so a later format never verifies as this one.
	 */
	public String canonical() {
		StringBuilder text = new StringBuilder("quote-v1\n");
		text.append("id=").append(enc(this.id)).append('\n');
		text.append("user=").append(enc(this.userId)).append('\n');
		text.append("currency=").append(enc(this.currency)).append('\n');
		text.append("issued=").append(millis(this.issuedAt)).append('\n');
		text.append("expires=").append(millis(this.expiresAt)).append('\n');
		if (this.lines != null) {
			for (Line line : this.lines) {
				text.append("line=")
					.append(line.skuId())
					.append('|')
					.append(line.shopId())
					.append('|')
					.append(line.quantity())
					.append('|')
					.append(line.unitPriceMinor())
					.append('|')
					.append(line.listAmountMinor())
					.append('|')
					.append(line.paidMinor())
					.append('\n');
				appendDiscounts(text, "line-discount=", line.discounts());
			}
		}
		if (this.gifts != null) {
			for (Gift gift : this.gifts) {
				text.append("gift=")
					.append(gift.skuId())
					.append('|')
					.append(gift.quantity())
					.append('|')
					.append(gift.promotionId())
					.append('\n');
			}
		}
		appendDiscounts(text, "discount=", this.discounts);
		text.append("totals=")
			.append(this.listTotalMinor)
			.append('|')
			.append(this.discountTotalMinor)
			.append('|')
			.append(this.totalMinor)
			.append('\n');
		return text.toString();
	}

	Quote signedWith(String signature) {
		return new Quote(this.id, this.userId, this.currency, this.lines, this.gifts, this.discounts,
				this.listTotalMinor, this.discountTotalMinor, this.totalMinor, this.issuedAt, this.expiresAt,
				signature);
	}

	private static void appendDiscounts(StringBuilder text, String prefix, List<Discount> discounts) {
		if (discounts == null) {
			text.append(prefix).append("null\n");
			return;
		}
		for (Discount discount : discounts) {
			text.append(prefix)
				.append(discount.kind())
				.append('|')
				.append(enc(discount.id()))
				.append('|')
				.append(enc(discount.name()))
				.append('|')
				.append(discount.amountMinor())
				.append('\n');
		}
	}

	private static String enc(String value) {
		return (value != null) ? URLEncoder.encode(value, StandardCharsets.UTF_8) : "%00";
	}

	private static String millis(Instant instant) {
		return (instant != null) ? Long.toString(instant.toEpochMilli()) : "null";
	}

	/**
	 * A basket line as quoted.
	 *
	 * @param skuId the item
	 * @param shopId the shop that sells it
	 * @param quantity units
	 * @param unitPriceMinor the list price of one unit
	 * @param listAmountMinor unit price × quantity
	 * @param discounts each promotion and coupon with its share of this line
	 * @param paidMinor what the shopper pays for the line
	 */
	public record Line(long skuId, long shopId, int quantity, long unitPriceMinor, long listAmountMinor,
			List<Discount> discounts, long paidMinor) {

	}

	/**
	 * A promotion or coupon applied.
	 *
	 * @param kind ITEM, BUNDLE, SHOP, PLATFORM or COUPON
	 * @param id the promotion id, or the coupon id
	 * @param name what shoppers see
	 * @param amountMinor the amount taken off
	 */
	public record Discount(Stage kind, String id, String name, long amountMinor) {

	}

	/**
	 * A zero-priced gift line.
	 *
	 * @param skuId the SKU given
	 * @param quantity units given
	 * @param promotionId the gift promotion
	 */
	public record Gift(long skuId, int quantity, long promotionId) {

	}

}
