package io.flashsale.payment.payments;

import java.time.Instant;

/**
 * A payment as its payer sees it.
 *
 * @param paymentId the payment
 * @param orderId the order it pays
 * @param channel the channel
 * @param amountCents the amount, the order's total, in minor units
 * @param status CREATED, PAYING, SUCCEEDED, FAILED, CLOSED, REFUNDING or REFUNDED
 * @param payUrl where the shopper confirms the payment at the channel
 * @param channelTradeNo the channel's trade number
 * @param createdAt when it was created
 * @param succeededAt when the channel took the money
 * @param refundedAt when the channel returned it
 */
record PaymentView(String paymentId, String orderId, String channel, long amountCents, PaymentStatus status,
		String payUrl, String channelTradeNo, Instant createdAt, Instant succeededAt, Instant refundedAt) {

	static PaymentView of(Payment payment) {
		return new PaymentView(payment.id(), payment.orderId(), payment.channel(), payment.amountCents(),
				payment.status(), payment.payUrl(), payment.tradeNo(), payment.createdAt(), payment.succeededAt(),
				payment.refundedAt());
	}

}
