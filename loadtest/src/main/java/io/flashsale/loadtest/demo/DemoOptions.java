package io.flashsale.loadtest.demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.flashsale.loadtest.GatewayOption;

/** The options of {@code ./flashsale demo}, with their defaults. */
@Command(name = "flashsale demo", sortOptions = false,
		description = "One flash sale on the local stack, a crowd of shoppers, and the invariants checked afterwards.")
final class DemoOptions {

	@Option(names = "--units", paramLabel = "N", description = "stock of the sale (default: ${DEFAULT-VALUE})")
	int units = 100;

	@Option(names = "--limit", paramLabel = "N", description = "units one shopper may hold (default: ${DEFAULT-VALUE})")
	int limit = 1;

	@Option(names = "--attempts", paramLabel = "N",
			description = "purchase attempts, at least one per shopper (default: ${DEFAULT-VALUE})")
	int attempts = 5000;

	@Option(names = "--shoppers", paramLabel = "N", description = "distinct shoppers (default: ${DEFAULT-VALUE})")
	int shoppers = 2000;

	@Option(names = "--concurrency", paramLabel = "N",
			description = "attempts in flight at once (default: ${DEFAULT-VALUE})")
	int concurrency = 200;

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
		if (this.units < 1 || this.limit < 1 || this.shoppers < 1 || this.attempts < this.shoppers
				|| this.concurrency < 1 || this.payPercent < 0 || this.payPercent > 100 || this.payTimeout < 1
				|| this.payTwice < 0) {
			throw new IllegalArgumentException("Need units, limit, shoppers, concurrency, pay-timeout >= 1, "
					+ "attempts >= shoppers, pay-percent in 0..100 and pay-twice >= 0");
		}
	}

}
