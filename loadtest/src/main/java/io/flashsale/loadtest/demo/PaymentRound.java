package io.flashsale.loadtest.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.Shopper;
import io.flashsale.loadtest.demo.Rush.Won;

/**
 * After the rush: {@code payPercent} of the winners pay through the gateway at whichever
 * sandbox channel routing picks, and confirm at the channel; the first {@code payTwice}
 * of them also pay a second time at the other channel. The rest do nothing, and their
 * orders are cancelled at the deadline. Then every order's payments are counted once
 * settled.
 */
final class PaymentRound {

	private final Gateway gateway;

	private final String[] tokens;

	PaymentRound(Gateway gateway, String[] tokens) {
		this.gateway = gateway;
		this.tokens = tokens;
	}

	Payments payAndExpire(List<Won> won, int payPercent, int payTwice, int payTimeout, long seed) {
		List<Won> order = new ArrayList<>(won);
		Collections.shuffle(order, new Random(seed));
		int paying = (int) Math.round(order.size() * payPercent / 100.0);
		List<Won> payers = order.subList(0, paying);
		List<Won> idle = order.subList(paying, order.size());
		int twice = Math.min(payTwice, payers.size());
		System.out.printf("%d winners pay (%d of them twice), %d let the %d s deadline pass ...%n", payers.size(),
				twice, idle.size(), payTimeout);
		AtomicLong failedPayments = new AtomicLong();
		forEach(payers, (winner) -> {
			Shopper shopper = shopper(winner);
			shopper.awaitOrder(winner.orderId(), Set.of("PENDING_PAYMENT"), Duration.ofSeconds(30));
			Gateway.Answer started = shopper.startPayment(winner.orderId(), null);
			if (started.status() != 201) {
				failedPayments.incrementAndGet();
				return;
			}
			JsonNode first = started.json();
			JsonNode second = null;
			if (payers.indexOf(winner) < twice) {
				String other = first.get("channel").asString().equals("sandpay") ? "quickwallet" : "sandpay";
				Gateway.Answer again = shopper.startPayment(winner.orderId(), other);
				second = (again.status() == 201) ? again.json() : null;
			}
			if (shopper.confirmAtChannel(first).status() != 200) {
				failedPayments.incrementAndGet();
			}
			if (second != null && shopper.confirmAtChannel(second).status() != 200) {
				failedPayments.incrementAndGet();
			}
		});
		Duration wait = Duration.ofSeconds(payTimeout + 60);
		forEach(payers, (winner) -> shopper(winner).awaitOrder(winner.orderId(), Set.of("PAID", "CANCELLED"), wait));
		forEach(idle, (winner) -> shopper(winner).awaitOrder(winner.orderId(), Set.of("PAID", "CANCELLED"), wait));
		Payments result = new Payments();
		result.keptOnePerPaid = failedPayments.get() == 0;
		for (Won winner : order) {
			Shopper shopper = shopper(winner);
			JsonNode view = shopper.order(winner.orderId()).json();
			boolean paid = view.get("status").asString().equals("PAID");
			List<JsonNode> taken = awaitSettled(shopper, winner.orderId());
			long kept = taken.stream().filter((p) -> p.get("status").asString().equals("SUCCEEDED")).count();
			long refunded = taken.stream().filter((p) -> p.get("status").asString().equals("REFUNDED")).count();
			if (paid) {
				result.paid++;
				result.keptOnePerPaid &= kept == 1 && taken.stream()
					.filter((p) -> p.get("status").asString().equals("SUCCEEDED"))
					.allMatch((p) -> p.get("amountCents").asLong() == view.get("totalCents").asLong());
				result.extraPayments += refunded + kept - 1;
			}
			else {
				result.cancelled++;
				result.extraPayments += refunded + kept;
				result.keptOnePerPaid &= kept == 0;
			}
			result.refunded += refunded;
		}
		return result;
	}

	private Shopper shopper(Won winner) {
		return new Shopper(this.gateway, this.tokens[winner.shopper()]);
	}

	/** The order's payments once none is still on its way to SUCCEEDED or REFUNDED. */
	private static List<JsonNode> awaitSettled(Shopper shopper, String orderId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<JsonNode> payments = shopper.payments(orderId);
		while (System.nanoTime() < deadline && payments.stream()
			.anyMatch((p) -> Set.of("CREATED", "PAYING", "REFUNDING").contains(p.get("status").asString()))) {
			SaleDemo.pause();
			payments = shopper.payments(orderId);
		}
		return payments;
	}

	private static void forEach(List<Won> winners, Consumer<Won> action) {
		try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
			for (Won winner : winners) {
				threads.submit(() -> action.accept(winner));
			}
		}
	}

	/** What the winners' payments came to. */
	static final class Payments {

		long paid;

		long cancelled;

		long refunded;

		long extraPayments;

		boolean keptOnePerPaid;

	}

}
