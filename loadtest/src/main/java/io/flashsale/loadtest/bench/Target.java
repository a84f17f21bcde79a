package io.flashsale.loadtest.bench;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.Requests;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.platform.security.LocalTokens;

/**
 * What the benchmark drives: the stack through its gateway, or the reference server. Both
 * answer the same three scenarios, (c) a pass-through GET, (a) a successful purchase by a
 * fresh shopper and (b) a sold-out answer, so their rates can be set side by side.
 *
 * @param name how the results name it
 * @param url scheme, host and port
 * @param scenarios (c), (a) and (b), in the order they run
 */
record Target(String name, URI url, List<Scenario> scenarios) {

	/**
	 * The stack: opens a sale with ample stock and one sold out, through the gateway as
	 * ops would.
	 * @param lateShoppers how many shoppers (b) cycles through
	 */
	static Target stack(URI gateway, LocalTokens tokens, String run, int lateShoppers) {
		Gateway admin = new Gateway(gateway.toString());
		SaleSetup setup = new SaleSetup(admin, tokens.admin("bench-ops"), tokens.user("bench-" + run));
		System.out.println("setting up the stack at " + gateway + ": a sale with ample stock, and one sold out ...");
		long ample = setup.openSale("Bench ample " + run, 1_000_000, 1, 999);
		long scarce = setup.openSale("Bench scarce " + run, 1, 1, 999);
		admin
			.post("/api/orders", tokens.user("bench-" + run + "-first"), UUID.randomUUID().toString(),
					"{\"flashSaleId\":" + scarce + ",\"quantity\":1}")
			.expect(202, "buy the only unit");
		System.out.println("sales: ample " + ample + ", sold out " + scarce);
		return new Target("product", gateway, scenarios(gateway, tokens, run, "/api/orders/flash-sales/" + ample,
				Long.toString(ample), Long.toString(scarce), lateShoppers));
	}

	/**
	 * The reference server ({@code ../shared/bench/reference}): a sale {@code ref1} with
	 * 100,000,000 units and a sale {@code ref0} with none, set in its Redis.
	 */
	static Target reference(URI url, URI redis, LocalTokens tokens, String run, int lateShoppers) {
		System.out.println("setting up the reference at " + url + ": stock in " + redis.getHost() + ":"
				+ redis.getPort() + " ...");
		RedisKeys.set(redis, "{fs:ref1}:stock", "100000000", "{fs:ref0}:stock", "0");
		return new Target("reference", url,
				scenarios(url, tokens, run + "-ref", "/ping", "\"ref1\"", "\"ref0\"", lateShoppers));
	}

	private static List<Scenario> scenarios(URI url, LocalTokens tokens, String run, String browsePath, String ample,
			String soldOut, int lateShoppers) {
		String browser = tokens.user("bench-" + run + "-browser");
		int[] steps = { 0 };
		Scenario baseline = new Scenario("c", "(c) pass-through GET", (count) -> Requests.get(url, browsePath, browser),
				Scenario.answers(200));
		// Fresh shoppers for every step, minted before it.
		Scenario purchase = new Scenario("a", "(a) successful purchase", (count) -> {
			String batch = run + "-" + (++steps[0]);
			byte[][] buyers = shoppers(tokens, "bench-" + batch + "-buyer-", count);
			return Requests.purchase(url, ample, (i) -> buyers[i], batch);
		}, Scenario.answers(202));
		// Late shoppers: enough that none meets the gateway's user bucket (5/s).
		byte[][] late = shoppers(tokens, "bench-" + run + "-late-", lateShoppers);
		Scenario soldOutAnswer = new Scenario("b", "(b) sold-out answer", (count) -> {
			String batch = run + "-" + (++steps[0]);
			return Requests.purchase(url, soldOut, (i) -> late[i % late.length], batch);
		}, Scenario.answers(409, "sold-out"));
		return List.of(baseline, purchase, soldOutAnswer);
	}

	private static byte[][] shoppers(LocalTokens tokens, String prefix, int count) {
		byte[][] shoppers = new byte[count][];
		for (int i = 0; i < count; i++) {
			shoppers[i] = Requests.ascii(tokens.user(prefix + i));
		}
		return shoppers;
	}

}
