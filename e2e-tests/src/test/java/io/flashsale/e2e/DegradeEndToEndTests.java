package io.flashsale.e2e;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.loadtest.Shopper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops flip switches at the config server while the stack runs; the change reaches the
 * services over the bus within the 5 s the design promises, and rolling back restores the
 * earlier values. Every test puts the switches back as it found them.
 */
class DegradeEndToEndTests {

	/** The promise of issue 5: a change reaches every running instance within 5 s. */
	private static final Duration PROPAGATION = Duration.ofSeconds(5);

	private final Gateway gateway = new Gateway("http://127.0.0.1:" + Stack.APPS.get("gateway"));

	private final Gateway configServer = new Gateway("http://127.0.0.1:" + Stack.APPS.get("config-server"));

	private final String admin = Stack.TOKENS.admin("e2e-ops");

	private final String run = Long.toString(System.nanoTime(), 36);

	private final long versionBefore = version();

	@AfterEach
	void restoreTheSwitches() throws InterruptedException {
		if (version() != this.versionBefore) {
			rollback(this.versionBefore);
			// Let the restore reach every service before the next test relies on it.
			Thread.sleep(PROPAGATION.toMillis());
		}
	}

	@Test
	void killSwitchPausesEveryPurchaseWithinSecondsAndRollbackReopensTheSale() {
		SaleSetup setup = new SaleSetup(this.gateway, this.admin, Stack.TOKENS.user("e2e-kill-" + this.run));
		long sale = setup.openSale("E2E kill " + this.run, 50, 1, 1000);
		set("flashsale.switches.sale-kill", "true", null);

		Gateway.Answer paused = awaitAnswer(
				() -> new Shopper(this.gateway, Stack.TOKENS.user("e2e-kill-probe-" + System.nanoTime())).buy(sale),
				(answer) -> answer.status() == 503 && answer.code().equals("sale-paused"));
		assertThat(paused.status()).isEqualTo(503);
		// The probes bought a unit each until the switch arrived; from here nothing may.
		long remaining = setup.awaitDrained(sale, 0).get("redisRemaining").asLong();
		for (int i = 0; i < 20; i++) {
			Gateway.Answer answer = new Shopper(this.gateway, Stack.TOKENS.user("e2e-kill-" + this.run + "-" + i))
				.buy(sale);
			assertThat(answer.status() + " " + answer.code()).isEqualTo("503 sale-paused");
		}
		assertThat(setup.awaitDrained(sale, 0).get("redisRemaining").asLong()).as("nothing reserved")
			.isEqualTo(remaining);

		rollback(this.versionBefore);
		Gateway.Answer open = awaitAnswer(
				() -> new Shopper(this.gateway, Stack.TOKENS.user("e2e-kill-after-" + System.nanoTime())).buy(sale),
				(answer) -> answer.status() == 202);
		assertThat(open.status()).isEqualTo(202);
	}

	@Test
	void sheddingNonCoreAnswersTheFallbackWhilePurchasesGoOn() {
		SaleSetup setup = new SaleSetup(this.gateway, this.admin, Stack.TOKENS.user("e2e-shed-" + this.run));
		long sale = setup.openSale("E2E shed " + this.run, 50, 1, 1000);
		set("flashsale.switches.shed", "non-core", null);

		Gateway.Answer shed = awaitAnswer(() -> this.gateway.get("/api/admin/reconciliation/" + sale, this.admin),
				(answer) -> answer.status() == 503 && answer.code().equals("degraded"));
		assertThat(shed.code()).isEqualTo("degraded");
		Gateway.Answer bought = new Shopper(this.gateway, Stack.TOKENS.user("e2e-shed-buyer-" + this.run)).buy(sale);
		assertThat(bought.status()).as(bought.body()).isEqualTo(202);
	}

	private void set(String key, String value, String application) {
		String body = (application != null)
				? "{\"value\":\"%s\",\"application\":\"%s\",\"reason\":\"e2e\"}".formatted(value, application)
				: "{\"value\":\"%s\",\"reason\":\"e2e\"}".formatted(value);
		this.configServer.put("/api/admin/switches/" + key, this.admin, body).expect(200, "set " + key);
	}

	private void rollback(long version) {
		this.configServer
			.post("/api/admin/switches/rollback", this.admin, null,
					"{\"version\":%d,\"reason\":\"e2e: back\"}".formatted(version))
			.expect(200, "rollback");
	}

	private long version() {
		return this.configServer.get("/api/switches/version", this.admin)
			.expect(200, "switch version")
			.json()
			.get("version")
			.asLong();
	}

	/**
	 * Asks until the answer shows the change, for at most {@link #PROPAGATION}.
	 * @return the first answer that shows it, or the last one
	 */
	private static Gateway.Answer awaitAnswer(Supplier<Gateway.Answer> call,
			java.util.function.Predicate<Gateway.Answer> changed) {
		long deadline = System.nanoTime() + PROPAGATION.toNanos();
		Gateway.Answer answer = call.get();
		while (!changed.test(answer) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			answer = call.get();
		}
		return answer;
	}

}
