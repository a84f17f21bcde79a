package io.flashsale.order.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.PaymentRejected;
import io.flashsale.contracts.payment.PaymentSucceeded;
import io.flashsale.platform.messaging.Outbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only way an order changes state. Each transition is one conditional update from
 * PENDING_PAYMENT; the caller whose update changed the row publishes the event through
 * the outbox in the same transaction, so {@code OrderPaid} and {@code OrderCancelled} go
 * out once per order and never for a change that rolled back. Every other caller reads
 * what the winner wrote. The order leaves the delayed-cancel queue after the commit.
 */
@Service
public class OrderLifecycle {

	private final Orders orders;

	private final DeadlineQueue deadlines;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	OrderLifecycle(Orders orders, DeadlineQueue deadlines, Outbox outbox, TransactionTemplate transactions, Clock clock,
			MeterRegistry meters) {
		this.orders = orders;
		this.deadlines = deadlines;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Cancels an unpaid order; joins the caller's transaction if there is one.
	 * @param orderId the order
	 * @param reason {@link OrderCancelled#EXPIRED} or {@link OrderCancelled#SHOPPER}
	 * @return the order after the call (CANCELLED, or PAID when the payment won), empty
	 * when there is no such order
	 */
	public Optional<Order> cancel(String orderId, String reason) {
		return this.transactions.execute((status) -> {
			Optional<Order> found = this.orders.find(orderId);
			if (found.isEmpty() || !found.get().isPendingPayment()) {
				return found;
			}
			Order order = found.get();
			Instant now = now();
			if (this.orders.markCancelled(orderId, reason, now) == 0) {
				return this.orders.findForUpdate(orderId);
			}
			this.outbox.publish(order.cancelledEvent(reason, now));
			afterCommit(() -> {
				this.deadlines.remove(orderId);
				this.meters.counter("flashsale.orders.cancelled", "reason", reason).increment();
			});
			return Optional.of(order.cancelled(reason, now));
		});
	}

	/**
	 * Cancels the order if its deadline has passed (passive cancel on read).
	 * @return the order as it is now
	 */
	public Order cancelIfOverdue(Order order) {
		if (!order.isOverdueAt(this.clock.instant())) {
			return order;
		}
		return cancel(order.id(), OrderCancelled.EXPIRED).orElse(order);
	}

	/**
	 * Applies a successful payment; joins the caller's transaction if there is one, so
	 * the caller's processed-message record commits or rolls back with it. An unpaid
	 * order with the payment's amount becomes PAID ({@code OrderPaid}); a cancelled
	 * order, an order paid by another payment, or a wrong amount refuses the payment
	 * ({@code PaymentRejected}, refunded by payment-service); the payment the order
	 * already kept changes nothing.
	 */
	public PaymentOutcome pay(PaymentSucceeded payment) {
		return this.transactions.execute((status) -> {
			Optional<Order> found = this.orders.find(payment.orderId());
			if (found.isEmpty()) {
				return PaymentOutcome.NO_ORDER;
			}
			Order order = found.get();
			if (order.isPendingPayment()) {
				Instant now = now();
				if (this.orders.markPaid(order.id(), payment.paymentId(), payment.amountCents(), now) == 1) {
					this.outbox.publish(order.paidEvent(payment.paymentId(), now));
					afterCommit(() -> {
						this.deadlines.remove(payment.orderId());
						this.meters.counter("flashsale.orders.paid").increment();
						// GMV: what paid orders brought in, in minor units (cents).
						this.meters.counter("flashsale.gmv").increment(payment.amountCents());
					});
					return PaymentOutcome.PAID;
				}
				order = this.orders.findForUpdate(order.id()).orElseThrow();
			}
			return switch (order.status()) {
				case PAID -> payment.paymentId().equals(order.paymentId()) ? PaymentOutcome.KEPT
						: reject(payment, PaymentRejected.ALREADY_PAID);
				case CANCELLED -> reject(payment, PaymentRejected.ORDER_CANCELLED);
				// Still unpaid after the conditional update: the amount is not the total.
				default -> reject(payment, PaymentRejected.AMOUNT_MISMATCH);
			};
		});
	}

	private PaymentOutcome reject(PaymentSucceeded payment, String reason) {
		this.outbox.publish(new PaymentRejected(payment.orderId(), payment.paymentId(), reason, now()));
		afterCommit(() -> this.meters.counter("flashsale.orders.payments.rejected", "reason", reason).increment());
		return PaymentOutcome.REJECTED;
	}

	/** The database keeps milliseconds; events carry exactly what was stored. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

	/** What a successful payment did to its order. */
	public enum PaymentOutcome {

		/** The order became PAID by this payment. */
		PAID,
		/** The order was already PAID by this payment: a repeat, nothing to do. */
		KEPT,
		/** The order refused the payment; {@code PaymentRejected} is on its way. */
		REJECTED,
		/** No order row (yet). */
		NO_ORDER

	}

}
