package io.flashsale.paymentsandbox;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** What the sandbox wallets answer when they refuse. */
final class SandboxProblems {

	private SandboxProblems() {
	}

	static final class TradeNotFound extends ApiProblem {

		TradeNotFound(String channel, String tradeNo) {
			super(HttpStatus.NOT_FOUND, "trade-not-found", "Trade not found",
					channel + " has no trade " + tradeNo + ".");
		}

	}

	static final class TradeStateConflict extends ApiProblem {

		TradeStateConflict(String tradeNo, Object status, String action) {
			super(HttpStatus.CONFLICT, "trade-state-conflict", "Trade state conflict",
					"Trade " + tradeNo + " is " + status + "; it cannot be " + action + ".");
		}

	}

	static final class WalletDown extends ApiProblem {

		WalletDown(String channel) {
			super(HttpStatus.SERVICE_UNAVAILABLE, "channel-down", "Channel down",
					channel + " is not answering merchant calls (sandbox behaviour).");
		}

	}

	static final class UnknownWallet extends ApiProblem {

		UnknownWallet(String channel) {
			super(HttpStatus.NOT_FOUND, "unknown-wallet", "Unknown wallet", "No sandbox wallet " + channel + ".");
		}

	}

}
