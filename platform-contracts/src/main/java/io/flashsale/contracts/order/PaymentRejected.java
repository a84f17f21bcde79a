package io.flashsale.contracts.order;

import java.time.Instant;

/**
 * order-service refused a successful payment: the order was already cancelled, it is
 * already paid by another payment, or the amount is not the order's total.
 * payment-service refunds the payment.
 *
 * @param orderId the order
 * @param paymentId the refused payment
 * @param reason {@code order-cancelled}, {@code already-paid} or {@code amount-mismatch}
 * @param rejectedAt when the order refused it
 */
public record PaymentRejected(String orderId, String paymentId, String reason, Instant rejectedAt) {

	public static final String ORDER_CANCELLED = "order-cancelled";

	public static final String ALREADY_PAID = "already-paid";

	public static final String AMOUNT_MISMATCH = "amount-mismatch";

}
