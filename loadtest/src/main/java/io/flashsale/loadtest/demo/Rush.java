package io.flashsale.loadtest.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.loadtest.OpenModel;
import io.flashsale.loadtest.Requests;

/**
 * The shoppers' rush, open model: {@code attempts} purchases of one unit from
 * {@code shoppers} shoppers, attempt {@code i} due at {@code start + i / rate} whatever
 * the answers do, sent by the {@link OpenModel} engine with its latency taken from that
 * intended instant. Each attempt has a fresh idempotency key and is tried once (no retry
 * on any answer); each answer is classified (see {@link SaleDemo#classify}), and every
 * 202 is a winner with its order.
 */
final class Rush {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Rush() {
	}

	/**
	 * Who tries, in order: the shoppers shuffled once, then round after round in that
	 * order until the attempts run out. Every shopper tries at least once, and one
	 * shopper's attempts are exactly {@code shoppers} attempts apart ({@code shoppers /
	 * rate} seconds), so the crowd meets the gateway's per-user bucket only when the
	 * numbers ask for it.
	 */
	static int[] plan(int attempts, int shoppers, Random random) {
		List<Integer> order = new ArrayList<>(shoppers);
		for (int i = 0; i < shoppers; i++) {
			order.add(i);
		}
		Collections.shuffle(order, random);
		int[] plan = new int[attempts];
		for (int i = 0; i < attempts; i++) {
			plan[i] = order.get(i % shoppers);
		}
		return plan;
	}

	/**
	 * How each shopper tries, for the demo's first lines: how often, how far apart, and
	 * whether the gateway's default user bucket (5/s, burst 10) will refuse some.
	 */
	static String pace(int attempts, int shoppers, int rate) {
		int fewest = attempts / shoppers;
		int most = fewest + ((attempts % shoppers == 0) ? 0 : 1);
		double apart = (double) shoppers / rate;
		String times = (most == 1) ? "once" : (fewest == most) ? most + " times" : fewest + " or " + most + " times";
		String pace = (most == 1) ? "each shopper tries once"
				: "each shopper tries %s, %.1f s apart".formatted(times, apart);
		return pace + (meetsTheUserBucket(most, apart)
				? " (faster than the gateway's user bucket, 5/s after a burst of 10: expect 429s)"
				: " (within the gateway's user bucket, 5/s after a burst of 10)");
	}

	/**
	 * Whether {@code attempts} purchases {@code apart} seconds apart run the gateway's
	 * default user bucket dry: 10 tokens, 5 more a second, one a purchase.
	 */
	private static boolean meetsTheUserBucket(int attempts, double apart) {
		double tokens = 10;
		for (int n = 0; n < attempts; n++) {
			tokens = Math.min(10, tokens + ((n > 0) ? 5 * apart : 0));
			if (tokens < 1) {
				return true;
			}
			tokens--;
		}
		return false;
	}

	/**
	 * Local addresses for the rush's connections, one each, when the gateway is on this
	 * host's loopback and the system lets a socket bind to the rest of 127/8 (Linux):
	 * 50,000 shoppers come from many addresses, not one, so the gateway's per-IP bucket
	 * sees a crowd. Empty otherwise: every connection then comes from one address.
	 */
	static List<InetAddress> crowdAddresses(URI gateway, int connections) {
		try {
			if (!InetAddress.getByName(gateway.getHost()).isLoopbackAddress()) {
				return List.of();
			}
			List<InetAddress> addresses = new ArrayList<>(connections);
			for (int c = 0; c < connections; c++) {
				addresses.add(InetAddress.getByAddress(new byte[] { 127, 1, (byte) (c / 250), (byte) (c % 250 + 1) }));
			}
			try (Socket probe = new Socket()) {
				probe.bind(new InetSocketAddress(addresses.get(0), 0));
			}
			return addresses;
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/**
	 * Offers the plan's attempts at {@code rate} per second through {@code model}.
	 * @param tokens each shopper's bearer token, ASCII
	 * @param keyPrefix tells this run's idempotency keys from other runs'
	 */
	static Result run(OpenModel model, URI gateway, long saleId, byte[][] tokens, int[] plan, int rate,
			String keyPrefix) {
		List<Won> won = Collections.synchronizedList(new ArrayList<>());
		Map<String, String> errorSamples = new ConcurrentHashMap<>();
		OpenModel.Step step = model.run(rate, plan.length,
				Requests.purchase(gateway, Long.toString(saleId), (i) -> tokens[plan[i]], keyPrefix),
				(outcome) -> !SaleDemo.classify(outcome).equals("errors"), (index, outcome, body) -> {
					String kind = SaleDemo.classify(outcome);
					String orderId = kind.equals("accepted") ? orderId(body) : null;
					if (orderId != null) {
						won.add(new Won(plan[index], orderId));
					}
					else if (kind.equals("accepted")) {
						// Counted as accepted; the payment round then misses its order.
						errorSamples.putIfAbsent("202 without an orderId", body);
					}
					else if (kind.equals("errors")) {
						errorSamples.putIfAbsent(outcome.toString(), body);
					}
				});
		return new Result(step, List.copyOf(won), Map.copyOf(errorSamples));
	}

	/** The order id of a 202, or null when its body has none. */
	private static String orderId(String body) {
		try {
			JsonNode orderId = JSON.readTree(body).get("orderId");
			return (orderId != null) ? orderId.asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * An accepted purchase.
	 *
	 * @param shopper the shopper's index
	 * @param orderId the order it became
	 */
	record Won(int shopper, String orderId) {
	}

	/**
	 * What the rush got.
	 *
	 * @param step the engine's figures: answers by status and code, latencies from
	 * intended send, achieved rate, the generator's CPU
	 * @param won the accepted purchases
	 * @param errorSamples one answer body per kind of error answer
	 */
	record Result(OpenModel.Step step, List<Won> won, Map<String, String> errorSamples) {

		/** Answers of one {@link SaleDemo#classify class}. */
		long count(String kind) {
			return this.step.answers()
				.entrySet()
				.stream()
				.filter((answer) -> SaleDemo.classify(answer.getKey()).equals(kind))
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

	}

}
