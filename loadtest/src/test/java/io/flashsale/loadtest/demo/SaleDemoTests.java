package io.flashsale.loadtest.demo;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.OpenModel;
import io.flashsale.loadtest.OpenModel.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SaleDemoTests {

	@Test
	void classifiesAnswersByStatusAndProblemCode() {
		assertThat(SaleDemo.classify(new Outcome(202, ""))).isEqualTo("accepted");
		assertThat(SaleDemo.classify(new Outcome(409, "sold-out"))).isEqualTo("sold-out");
		assertThat(SaleDemo.classify(new Outcome(409, "limit-exceeded"))).isEqualTo("limit-exceeded");
		assertThat(SaleDemo.classify(new Outcome(429, "rate-limited"))).isEqualTo("rate-limited");
		assertThat(SaleDemo.classify(new Outcome(429, "blacklisted"))).isEqualTo("rate-limited");
		assertThat(SaleDemo.classify(new Outcome(409, "sale-not-active"))).isEqualTo("errors");
		assertThat(SaleDemo.classify(new Outcome(503, "sale-paused"))).isEqualTo("errors");
		assertThat(SaleDemo.classify(new Outcome(503, "order-not-accepted"))).isEqualTo("not-accepted");
		assertThat(SaleDemo.classify(new Outcome(504, ""))).isEqualTo("errors");
		assertThat(SaleDemo.classify(Outcome.CLOSED)).isEqualTo("errors");
		assertThat(SaleDemo.classify(Outcome.NO_ANSWER)).isEqualTo("errors");
		assertThat(SaleDemo.classify(Outcome.NOT_SENT)).isEqualTo("errors");
	}

	@Test
	void plansEveryShopperInTurnSoOnesAttemptsAreShoppersApart() {
		// 100,000 attempts from 50,000 shoppers, seed 42: two attempts each, 50,000 apart
		// (10 s at 5,000/s).
		int[] plan = Rush.plan(100_000, 50_000, new Random(42));

		assertThat(plan).hasSize(100_000);
		Map<Integer, List<Integer>> attemptsOf = new HashMap<>();
		for (int i = 0; i < plan.length; i++) {
			attemptsOf.computeIfAbsent(plan[i], (shopper) -> new ArrayList<>()).add(i);
		}
		assertThat(attemptsOf).hasSize(50_000);
		assertThat(attemptsOf.values()).allSatisfy((attempts) -> {
			assertThat(attempts).hasSize(2);
			assertThat(attempts.get(1) - attempts.get(0)).isEqualTo(50_000);
		});
		// Shuffled, and the same for the same seed.
		assertThat(plan[0] == 0 && plan[1] == 1 && plan[2] == 2).isFalse();
		assertThat(Rush.plan(100_000, 50_000, new Random(42))).isEqualTo(plan);
	}

	@Test
	void plansTheAttemptsLeftOverForTheFirstShoppersOfTheOrder() {
		// 7 attempts from 3 shoppers: one tries 3 times, two twice.
		int[] plan = Rush.plan(7, 3, new Random(1));

		assertThat(plan).hasSize(7);
		assertThat(new HashSet<>(List.of(plan[0], plan[1], plan[2]))).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(plan).startsWith(plan[0], plan[1], plan[2], plan[0], plan[1], plan[2], plan[0]);
	}

	@Test
	void describesEachShoppersPaceAgainstTheUserBucket() {
		assertThat(Rush.pace(100_000, 50_000, 5000))
			.isEqualTo("each shopper tries 2 times, 10.0 s apart (within the gateway's user bucket, 5/s after a "
					+ "burst of 10)");
		assertThat(Rush.pace(2000, 2000, 200))
			.isEqualTo("each shopper tries once (within the gateway's user bucket, 5/s after a burst of 10)");
		assertThat(Rush.pace(2500, 1000, 200)).startsWith("each shopper tries 2 or 3 times, 5.0 s apart (within");
		// 12 attempts 0.1 s apart: the burst of 10 and 5/s cover them (4 tokens left).
		assertThat(Rush.pace(1200, 100, 1000))
			.endsWith("0.1 s apart (within the gateway's user bucket, 5/s after " + "a burst of 10)");
		// 30 attempts 0.1 s apart: the 20th finds no token.
		assertThat(Rush.pace(30, 1, 10)).isEqualTo("each shopper tries 30 times, 0.1 s apart (faster than the "
				+ "gateway's user bucket, 5/s after a burst of 10: expect 429s)");
	}

	@Test
	void countsTheRushsAnswersByClass() {
		Map<Outcome, Long> answers = new TreeMap<>(Map.of(new Outcome(202, ""), 100L, new Outcome(409, "sold-out"),
				99_000L, new Outcome(429, "rate-limited"), 600L, new Outcome(429, "blacklisted"), 7L,
				new Outcome(503, "order-not-accepted"), 3L, new Outcome(503, "unavailable"), 2L, Outcome.NOT_SENT,
				288L));
		OpenModel.Step step = new OpenModel.Step(5000, 100_000, 99_712, 99_710, 5, 4985.5, 20.0, 1, 2, 3, 4, answers,
				30, 0.15);
		Rush.Result rush = new Rush.Result(step, List.of(), Map.of());

		assertThat(rush.count("accepted")).isEqualTo(100);
		assertThat(rush.count("sold-out")).isEqualTo(99_000);
		assertThat(rush.count("limit-exceeded")).isZero();
		assertThat(rush.count("rate-limited")).isEqualTo(607);
		assertThat(rush.count("not-accepted")).isEqualTo(3);
		assertThat(rush.count("errors")).isEqualTo(290);
		assertThat(io.flashsale.loadtest.demo.Outcome.answers(step))
			.isEqualTo("409 sold-out 99000, 429 rate-limited 600, -1 not-sent 288, 202 100, 429 blacklisted 7, "
					+ "503 order-not-accepted 3, 503 unavailable 2");
	}

	@Test
	void spreadsTheConnectionsOverLoopbackAddressesOnlyForAGatewayOnLoopback() {
		assertThat(Rush.crowdAddresses(URI.create("http://192.0.2.1:18080"), 100)).isEmpty();
		assumeTrue(System.getProperty("os.name").startsWith("Linux"));

		List<InetAddress> crowd = Rush.crowdAddresses(URI.create("http://127.0.0.1:18080"), 300);

		assertThat(crowd).hasSize(300).doesNotHaveDuplicates().allMatch(InetAddress::isLoopbackAddress);
		assertThat(crowd.get(0).getHostAddress()).isEqualTo("127.1.0.1");
		assertThat(crowd.get(249).getHostAddress()).isEqualTo("127.1.0.250");
		assertThat(crowd.get(250).getHostAddress()).isEqualTo("127.1.1.1");
	}

}
