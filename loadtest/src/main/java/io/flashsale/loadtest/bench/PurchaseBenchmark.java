package io.flashsale.loadtest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.flashsale.loadtest.CommandLines;
import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.platform.security.LocalTokens;

/**
 * The purchase-path benchmark through the gateway, open model. For each scenario it
 * offers rising rates until the stack stops keeping up, calls the last rate it kept up
 * with sustainable, then measures p50 and p99 at 80 % of it.
 *
 * <p>
 * Scenarios: (c) the gateway passing through to a memory-only endpoint (the baseline),
 * (a) successful purchases (a fresh shopper each, ample stock), (b) sold-out answers.
 * "Keeping up" means at least 99 % intended outcomes and p99 within the budget
 * ({@code --p99-budget-ms}, default 100) measured from the intended send time.
 *
 * <p>
 * Options ({@link BenchOptions}): {@code --rates=100,200,...} {@code --step-seconds=5}
 * {@code --p99-budget-ms=100} {@code --warmup-seconds=15} {@code --warmup-rate=200}
 * {@code --only=abc} {@code --gateway=...}; an unknown one exits 2.
 */
public final class PurchaseBenchmark {

	private PurchaseBenchmark() {
	}

	public static void main(String[] args) {
		BenchOptions options = new BenchOptions();
		CommandLines.parse(options, args, BenchOptions::check, System.out, System.err).ifPresent(System::exit);
		List<Integer> rates = options.rates;
		Duration step = options.step();
		double budget = options.p99BudgetMs;
		Duration warmUp = options.warmUp();
		int warmUpRate = options.warmupRate;
		Gateway gateway = new Gateway(options.gateway.url());
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofHours(2));
		String run = Long.toString(System.currentTimeMillis(), 36);
		String admin = tokens.admin("bench-ops");
		SaleSetup setup = new SaleSetup(gateway, admin, tokens.user("bench-" + run));

		System.out.println("setting up: a sale with ample stock, and one sold out ...");
		long ample = setup.openSale("Bench ample " + run, 1_000_000, 1, 999);
		long scarce = setup.openSale("Bench scarce " + run, 1, 1, 999);
		gateway
			.post("/api/orders", tokens.user("bench-" + run + "-first"), UUID.randomUUID().toString(),
					"{\"flashSaleId\":" + scarce + ",\"quantity\":1}")
			.expect(202, "buy the only unit");
		String browseToken = tokens.user("bench-" + run + "-browser");

		String only = options.only;
		List<Result> results = new ArrayList<>();
		if (!only.equals("abc")) {
			// A single scenario, for profiling: offered at the first rate until stopped.
			IntFunction<Gateway.Answer> buy = (i) -> gateway.post("/api/orders",
					tokens.user("bench-" + run + "-solo-" + i), UUID.randomUUID().toString(),
					"{\"flashSaleId\":" + (only.equals("b") ? scarce : ample) + ",\"quantity\":1}");
			OpenModel.Step step1 = OpenModel.run(rates.get(0), step,
					only.equals("c") ? (i) -> gateway.get("/api/orders/flash-sales/" + ample, browseToken) : buy,
					(a) -> a.status() < 500);
			System.out.printf("%s at %d/s: p50 %.1f ms p99 %.1f ms %s%n", only, rates.get(0), step1.p50(), step1.p99(),
					step1.answers());
			return;
		}
		results.add(scenario("(c) gateway pass-through baseline", rates, step, budget, warmUp, warmUpRate,
				(i) -> gateway.get("/api/orders/flash-sales/" + ample, browseToken), (a) -> a.status() == 200));
		// Tokens are minted before each step, so the load generator spends its CPU on
		// sending, as in the baseline (which reuses one token).
		String[][] buyers = { new String[0] };
		results.add(scenario(
				"(a) successful purchase", rates, step, budget, warmUp, warmUpRate, (i) -> gateway.post("/api/orders",
						buyers[0][i], UUID.randomUUID().toString(), "{\"flashSaleId\":" + ample + ",\"quantity\":1}"),
				(a) -> a.status() == 202, (count) -> {
					String batch = UUID.randomUUID().toString().substring(0, 8);
					buyers[0] = new String[count];
					for (int i = 0; i < count; i++) {
						buyers[0][i] = tokens.user("bench-" + run + "-buyer-" + batch + "-" + i);
					}
				}));
		// Late shoppers: a pool large enough that nobody meets the per-user rate limit.
		String[] late = new String[5000];
		for (int i = 0; i < late.length; i++) {
			late[i] = tokens.user("bench-" + run + "-late-" + i);
		}
		results.add(scenario("(b) sold-out answer", rates, step, budget, warmUp, warmUpRate,
				(i) -> gateway.post("/api/orders", late[i % late.length], UUID.randomUUID().toString(),
						"{\"flashSaleId\":" + scarce + ",\"quantity\":1}"),
				(a) -> a.status() == 409 && a.code().equals("sold-out")));

		System.out.println();
		System.out
			.println("| scenario | sustainable rps | p50 at 80 % (ms) | p99 at 80 % (ms) | achieved at 80 % (rps) |");
		System.out.println("|---|---:|---:|---:|---:|");
		for (Result result : results) {
			System.out.printf("| %s | %d | %.1f | %.1f | %.0f |%n", result.name(), result.sustainable(),
					result.at80().p50(), result.at80().p99(), result.at80().achieved());
		}
		double baseline = results.get(0).sustainable();
		System.out.printf("%n(a)/(c) = %.0f %% (target >= 50 %%), (b)/(c) = %.0f %% (target >= 80 %%)%n",
				100 * results.get(1).sustainable() / baseline, 100 * results.get(2).sustainable() / baseline);
	}

	private static Result scenario(String name, List<Integer> rates, Duration step, double budget, Duration warmUp,
			int warmUpRate, IntFunction<Gateway.Answer> request, Predicate<Gateway.Answer> success) {
		return scenario(name, rates, step, budget, warmUp, warmUpRate, request, success, (count) -> {
		});
	}

	private static Result scenario(String name, List<Integer> rates, Duration step, double budget, Duration warmUp,
			int warmUpRate, IntFunction<Gateway.Answer> request, Predicate<Gateway.Answer> success,
			IntConsumer beforeEachStep) {
		System.out.println();
		System.out.println(name);
		// Warm the JITs and connection pools of every hop before measuring.
		beforeEachStep.accept(warmUpRate * (int) warmUp.toSeconds());
		OpenModel.Step warm = OpenModel.run(warmUpRate, warmUp, request, success);
		System.out.printf("  warm-up %d/s for %d s: p99 %.1f ms %s%n", warmUpRate, warmUp.toSeconds(), warm.p99(),
				warm.answers());
		int sustainable = 0;
		for (int rate : rates) {
			beforeEachStep.accept(rate * (int) step.toSeconds());
			OpenModel.Step result = OpenModel.run(rate, step, request, success);
			boolean keptUp = result.successRatio() >= 0.99 && result.p99() <= budget;
			System.out.printf("  offered %5d/s  achieved %7.1f/s  ok %5.1f %%  p50 %7.1f ms  p99 %7.1f ms  %s  %s%n",
					rate, result.achieved(), 100 * result.successRatio(), result.p50(), result.p99(),
					keptUp ? "kept up" : "SATURATED", result.answers());
			if (!keptUp) {
				break;
			}
			sustainable = rate;
			pause();
		}
		int eighty = Math.max(1, (int) (sustainable * 0.8));
		beforeEachStep.accept(eighty * (int) step.multipliedBy(2).toSeconds());
		pause();
		OpenModel.Step at80 = OpenModel.run(eighty, step.multipliedBy(2), request, success);
		System.out.printf("  at 80 %% (%d/s): achieved %.1f/s  p50 %.1f ms  p99 %.1f ms  %s%n", eighty, at80.achieved(),
				at80.p50(), at80.p99(), at80.answers());
		return new Result(name, sustainable, at80);
	}

	private static void pause() {
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Result(String name, int sustainable, OpenModel.Step at80) {

	}

}
