package io.flashsale.loadtest.demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.flashsale.loadtest.GatewayOption;

/** The options of {@code ./flashsale demo}, with their defaults. */
@Command(name = "flashsale demo", sortOptions = false,
		description = "One flash sale on the local stack, a crowd of shoppers rushing it at a fixed rate, and the invariants checked afterwards.")
final class DemoOptions {

	@Option(names = "--units", paramLabel = "N", description = "stock of the sale (default: ${DEFAULT-VALUE})")
	int units = 100;

	@Option(names = "--limit", paramLabel = "N", description = "units one shopper may hold (default: ${DEFAULT-VALUE})")
	int limit = 1;

	@Option(names = "--attempts", paramLabel = "N",
			description = "purchase attempts, at least one per shopper (default: ${DEFAULT-VALUE})")
	int attempts = 100_000;

	@Option(names = "--shoppers", paramLabel = "N",
			description = "distinct shoppers; each tries in turn, so one's attempts are shoppers / rate seconds apart "
					+ "(default: ${DEFAULT-VALUE})")
	int shoppers = 50_000;

	@Option(names = "--rate", paramLabel = "N",
			description = "attempts offered per second, open model: attempt i is due at start + i / rate whatever the "
					+ "answers do, and its latency runs from then (default: ${DEFAULT-VALUE})")
	int rate = 5000;

	@Option(names = "--connections", paramLabel = "N",
			description = "keep-alive connections to the gateway, the most attempts in flight; a due attempt waits for "
					+ "a free one, and the wait counts as latency (default: ${DEFAULT-VALUE})")
	int connections = 100;

	@Option(names = "--seed", paramLabel = "N",
			description = "seed of who tries when and who pays (default: ${DEFAULT-VALUE})")
	long seed = 42;

	@Option(names = "--pay-percent", paramLabel = "P",
			description = "share of the winners who pay, 0 to 100 (default: ${DEFAULT-VALUE})")
	int payPercent = 60;

	@Option(names = "--pay-timeout", paramLabel = "SECONDS",
			description = "the sale's pay deadline (default: ${DEFAULT-VALUE})")
	int payTimeout = 60;

	@Option(names = "--pay-twice", paramLabel = "N",
			description = "payers who also pay at the other channel (default: ${DEFAULT-VALUE})")
	int payTwice = 5;

	@Mixin
	GatewayOption gateway = new GatewayOption();

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "this text")
	boolean help;

	/**
	 * Refuses values the demo cannot run with.
	 * @throws IllegalArgumentException naming what is needed
	 */
	void check() {
		if (this.units < 1 || this.limit < 1 || this.shoppers < 1 || this.attempts < this.shoppers || this.rate < 1
				|| this.connections < 1 || this.connections > 10_000 || this.payPercent < 0 || this.payPercent > 100
				|| this.payTimeout < 1 || this.payTwice < 0) {
			throw new IllegalArgumentException("Need units, limit, shoppers, rate, pay-timeout >= 1, "
					+ "attempts >= shoppers, connections in 1..10000, pay-percent in 0..100 and pay-twice >= 0");
		}
	}

}
