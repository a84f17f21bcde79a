package io.flashsale.loadtest.gatling;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers the checks after the run need, counted as they arrive: the 202s, the
 * winners not yet paying, and the payments confirmed at the channel.
 */
final class Tally {

	/** Purchases answered 202, spike and the payment storm's buyers alike. */
	final AtomicLong accepted = new AtomicLong();

	/** Every 202's order, for the checks. */
	final Queue<Winner> won = new ConcurrentLinkedQueue<>();

	/** Winners that no payer has taken yet. */
	final Queue<Winner> unpaid = new ConcurrentLinkedQueue<>();

	/** Orders whose payment the channel confirmed (200). */
	final Queue<Winner> paid = new ConcurrentLinkedQueue<>();

	/** Payers who came when no winner was left to pay. */
	final AtomicLong payersWithoutWinner = new AtomicLong();

	/** Virtual users so far, each a new shopper. */
	final AtomicLong shoppers = new AtomicLong();

	/** Purchase answers by HTTP status (0: none came). */
	private final Map<Integer, LongAdder> purchaseAnswers = new ConcurrentHashMap<>();

	void answered(int status) {
		this.purchaseAnswers.computeIfAbsent(status, (key) -> new LongAdder()).increment();
	}

	/** The purchase answers by status, lowest first: {@code {202=100, 409=355}}. */
	Map<Integer, Long> answers() {
		Map<Integer, Long> answers = new TreeMap<>();
		this.purchaseAnswers.forEach((status, count) -> answers.put(status, count.sum()));
		return answers;
	}

	void won(Winner winner) {
		this.won.add(winner);
		this.unpaid.add(winner);
	}

	List<Winner> paidOrders() {
		return List.copyOf(this.paid);
	}

	/**
	 * An accepted purchase.
	 *
	 * @param token the shopper's token
	 * @param orderId the order it became
	 */
	record Winner(String token, String orderId) {
	}

}
