package io.flashsale.payment.payments;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.payment.PaymentRefunded;
import io.flashsale.contracts.payment.PaymentSucceeded;
import io.flashsale.platform.messaging.Outbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every status change of a payment, each in one transaction (joining the caller's, if
 * any): lock the row, check the transition is allowed from the status read,
 * compare-and-set it, append the ledger entry and, for the changes other services must
 * learn of, publish the event through the outbox in the same transaction.
 *
 * <p>
 * Whichever path learns that a channel took the money (callback, active query, statement
 * reconciliation, a close that found the trade paid), {@link #succeed} publishes
 * {@code PaymentSucceeded} exactly once per payment: the second path finds it SUCCEEDED
 * and changes nothing.
 */
@Component
public class PaymentTransitions {

	private static final Logger log = LoggerFactory.getLogger(PaymentTransitions.class);

	private final Payments payments;

	private final PaymentLedger ledger;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	PaymentTransitions(Payments payments, PaymentLedger ledger, Outbox outbox, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.payments = payments;
		this.ledger = ledger;
		this.outbox = outbox;
		this.transactions = transactions;
		this.meters = meters;
	}

	/** CREATED -> PAYING: the channel opened the trade. */
	public boolean opened(String paymentId, String tradeNo, String payUrl) {
		return move(paymentId, PaymentStatus.PAYING, "api", tradeNo,
				(payment) -> payment.status() == PaymentStatus.CREATED,
				(transition) -> transition.opened(tradeNo, payUrl), null);
	}

	/** CREATED or PAYING -> FAILED. */
	public boolean fail(String paymentId, String reason, String source) {
		return move(paymentId, PaymentStatus.FAILED, source, reason, (payment) -> payment.status().open(),
				(transition) -> transition.failed(reason), null);
	}

	/** CREATED or PAYING -> CLOSED: the shopper can no longer pay it. */
	public boolean close(String paymentId, String source) {
		return move(paymentId, PaymentStatus.CLOSED, source, null, (payment) -> payment.status().open(),
				(transition) -> transition, null);
	}

	/**
	 * The channel took the money: -> SUCCEEDED and {@code PaymentSucceeded}, from any
	 * status but a money-taken one.
	 * @param paidAt when the channel says it was paid
	 * @param source who learnt it
	 * @return true if this call made the change; false if it was already known (or the
	 * payment does not exist)
	 */
	public boolean succeed(String paymentId, Instant paidAt, String source) {
		return move(paymentId, PaymentStatus.SUCCEEDED, source, null,
				(payment) -> PaymentStatus.SUCCEEDABLE.contains(payment.status()),
				(transition) -> transition.succeeded(paidAt), (payment) -> {
					this.outbox.publish(new PaymentSucceeded(payment.id(), payment.orderId(), payment.userId(),
							payment.channel(), payment.amountCents(), paidAt));
					afterCommit(() -> count("flashsale.payments.succeeded", "channel", payment.channel(), "source",
							source));
				});
	}

	/** SUCCEEDED -> REFUNDING: the refund is decided, the channel not yet asked. */
	public boolean startRefund(String paymentId, String reason, String refundId) {
		return move(paymentId, PaymentStatus.REFUNDING, "refund", reason,
				(payment) -> payment.status() == PaymentStatus.SUCCEEDED,
				(transition) -> transition.refunding(reason, refundId), null);
	}

	/**
	 * REFUNDING -> REFUNDED and {@code PaymentRefunded}: the channel returned the money.
	 */
	public boolean refunded(String paymentId, Instant refundedAt) {
		return move(paymentId, PaymentStatus.REFUNDED, "refund", null,
				(payment) -> payment.status() == PaymentStatus.REFUNDING,
				(transition) -> transition.refunded(refundedAt), (payment) -> {
					this.outbox.publish(new PaymentRefunded(payment.id(), payment.orderId(), payment.userId(),
							payment.channel(), payment.amountCents(), payment.refundReason(), refundedAt));
					afterCommit(() -> count("flashsale.payments.refunds", "reason", payment.refundReason()));
				});
	}

	public Optional<Payment> find(String paymentId) {
		return this.payments.find(paymentId);
	}

	/**
	 * Records a new CREATED payment and its first ledger entry.
	 * @throws org.springframework.dao.DuplicateKeyException when the order already has an
	 * open payment at the channel
	 */
	void create(Payment payment) {
		this.transactions.executeWithoutResult((status) -> {
			this.payments.insert(payment);
			this.ledger.append(payment.id(), null, PaymentStatus.CREATED, payment.amountCents(), "api", null,
					payment.createdAt());
		});
	}

	private boolean move(String paymentId, PaymentStatus to, String source, String detail,
			java.util.function.Predicate<Payment> allowed,
			java.util.function.UnaryOperator<Payments.Transition> details,
			java.util.function.Consumer<Payment> publish) {
		Boolean moved = this.transactions.execute((status) -> {
			Payment payment = this.payments.lock(paymentId).orElse(null);
			if (payment == null || !allowed.test(payment)) {
				return false;
			}
			Instant now = Instant.now();
			if (this.payments.transition(details.apply(Payments.Transition.of(payment, to, now))) != 1) {
				// The row is locked, so this cannot happen unless the lock was lost.
				throw new IllegalStateException("Payment " + paymentId + " changed under its lock");
			}
			this.ledger.append(paymentId, payment.status(), to, payment.amountCents(), source, truncate(detail), now);
			if (publish != null) {
				publish.accept(payment);
			}
			log.info("Payment {} {} -> {} ({})", paymentId, payment.status(), to, source);
			return true;
		});
		return Boolean.TRUE.equals(moved);
	}

	private void count(String name, String... tags) {
		String key = name + String.join("|", tags);
		this.counters.computeIfAbsent(key, (k) -> Counter.builder(name).tags(tags).register(this.meters)).increment();
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

	private static String truncate(String detail) {
		return (detail != null && detail.length() > 128) ? detail.substring(0, 128) : detail;
	}

}
