package io.flashsale.loadtest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.flashsale.loadtest.CommandLines;
import io.flashsale.loadtest.OpenModel;
import io.flashsale.platform.security.LocalTokens;

/**
 * The purchase-path benchmark, open model, against the stack's gateway and, with
 * {@code --reference}, the reference server right after it in the same run. For each
 * scenario it warms up, then offers rising rates until one is not kept up; the last rate
 * kept up is the sustainable one, and that step's p50 and p99 are its figures.
 *
 * <p>
 * Scenarios ({@link Target}): (c) a pass-through GET (the baseline), (a) successful
 * purchases (a fresh shopper each, ample stock), (b) sold-out answers. "Kept up" means,
 * over a step ({@code --step-seconds}, default 20): at least 99 % intended outcomes, p99
 * within {@code --p99-budget-ms} (default 50) measured from each request's intended send
 * time, and no 5xx. Options: {@link BenchOptions}; an unknown one exits 2.
 */
public final class PurchaseBenchmark {

	private PurchaseBenchmark() {
	}

	public static void main(String[] args) {
		Locale.setDefault(Locale.ROOT);
		BenchOptions options = new BenchOptions();
		CommandLines.parse(options, args, BenchOptions::check, System.out, System.err).ifPresent(System::exit);
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofHours(2));
		String run = Long.toString(System.currentTimeMillis(), 36);
		int lateShoppers = Math.max(5000, Collections.max(options.rates) / 2);

		List<Target> targets = new ArrayList<>();
		if (!options.referenceOnly) {
			targets.add(Target.stack(options.url(), tokens, run, lateShoppers));
		}
		if (options.reference != null) {
			targets.add(Target.reference(java.net.URI.create(options.reference), options.referenceRedis(), tokens, run,
					lateShoppers));
		}
		List<List<Result>> results = new ArrayList<>();
		for (Target target : targets) {
			try (OpenModel model = new OpenModel(target.url(), options.connections, options.ioThreads,
					options.answerTimeout(), options.tick())) {
				List<Result> ofTarget = new ArrayList<>();
				for (Scenario scenario : target.scenarios()) {
					if (options.only.equals("abc")) {
						ofTarget.add(ladder(model, target, scenario, options));
					}
					else if (options.only.equals(scenario.id())) {
						// The warm-up and one step at the first rate, for profiling.
						warmUp(model, scenario, options);
						int rate = options.rates.get(0);
						OpenModel.Step step = model.run(rate, options.step(),
								scenario.prepare().apply(rate * options.stepSeconds), scenario.success());
						System.out.println(target.name() + " " + scenario.name() + ": " + line(step, options));
					}
				}
				results.add(ofTarget);
			}
		}
		if (options.only.equals("abc")) {
			report(targets, results);
		}
	}

	private static Result ladder(OpenModel model, Target target, Scenario scenario, BenchOptions options) {
		System.out.println();
		System.out.println(target.name() + " " + scenario.name());
		warmUp(model, scenario, options);
		OpenModel.Step sustainable = null;
		for (int rate : options.rates) {
			OpenModel.RequestWriter requests = scenario.prepare().apply(rate * options.stepSeconds);
			OpenModel.Step step = model.run(rate, options.step(), requests, scenario.success());
			System.out.println("  " + line(step, options));
			if (!step.keptUp(options.p99BudgetMs)) {
				break;
			}
			sustainable = step;
			pause();
		}
		return new Result(scenario.name(), sustainable);
	}

	/** Warms the JITs and connection pools of every hop, the generator's included. */
	private static void warmUp(OpenModel model, Scenario scenario, BenchOptions options) {
		if (options.warmupSeconds > 0) {
			OpenModel.Step warm = model.run(options.warmupRate, options.warmUp(),
					scenario.prepare().apply(options.warmupRate * options.warmupSeconds), scenario.success());
			System.out.println("  warm-up: " + line(warm, options));
		}
	}

	private static String line(OpenModel.Step step, BenchOptions options) {
		return String.format(
				"offered %5d/s  sent %7d  achieved %8.1f/s  ok %5.1f %%  p50 %6.1f  p99 %6.1f  p99.9 %6.1f  max %6.1f ms  "
						+ "generator %5.1f us/req %3.0f %% core  %s  %s",
				step.offered(), step.sent(), step.achieved(), 100 * step.successRatio(), step.p50(), step.p99(),
				step.p999(), step.max(), step.cpuMicrosPerRequest(), 100 * step.cores(),
				step.keptUp(options.p99BudgetMs) ? "kept up" : "NOT KEPT UP", step.answers());
	}

	private static void report(List<Target> targets, List<List<Result>> results) {
		System.out.println();
		StringBuilder head = new StringBuilder("| scenario |");
		StringBuilder rule = new StringBuilder("|---|");
		for (Target target : targets) {
			head.append(" %s sustainable rps | p50 (ms) | p99 (ms) |".formatted(target.name()));
			rule.append("---:|---:|---:|");
		}
		boolean both = targets.size() == 2;
		if (both) {
			head.append(" product / reference |");
			rule.append("---:|");
		}
		System.out.println(head);
		System.out.println(rule);
		for (int s = 0; s < results.get(0).size(); s++) {
			StringBuilder row = new StringBuilder("| " + results.get(0).get(s).name() + " |");
			for (List<Result> ofTarget : results) {
				Result result = ofTarget.get(s);
				row.append((result.step() != null)
						? " %d | %.1f | %.1f |".formatted(result.rate(), result.step().p50(), result.step().p99())
						: " none kept up | | |");
			}
			if (both) {
				int reference = results.get(1).get(s).rate();
				row.append((reference > 0) ? " %.0f %% |".formatted(100.0 * results.get(0).get(s).rate() / reference)
						: " - |");
			}
			System.out.println(row);
		}
		for (int t = 0; t < targets.size(); t++) {
			List<Result> ofTarget = results.get(t);
			double baseline = ofTarget.get(0).rate();
			if (baseline > 0) {
				System.out.printf("%s: (a)/(c) = %.0f %%, (b)/(c) = %.0f %%%n", targets.get(t).name(),
						100 * ofTarget.get(1).rate() / baseline, 100 * ofTarget.get(2).rate() / baseline);
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A scenario's sustainable step.
	 *
	 * @param step the last step kept up, or null when none was
	 */
	record Result(String name, OpenModel.Step step) {

		int rate() {
			return (this.step != null) ? this.step.offered() : 0;
		}

	}

}
