package io.flashsale.paymentsandbox;

import java.util.Locale;

/**
 * The two sandbox wallets and how each speaks on the wire: its trade numbers, the status
 * words of its callbacks and the acknowledgement it waits for. {@code sandpay} speaks
 * like Alipay (a plain-text {@code success}), {@code quickwallet} like WeChat Pay (a JSON
 * {@code SUCCESS} code). This is the wallets' own side of the protocol that
 * payment-service's channel client ({@code io.flashsale.payment.channel.SandboxDialect})
 * speaks as the merchant, written out separately as a third party would;
 * payment-service's callback and wallet tests prove the two agree.
 */
enum Wallet {

	SANDPAY("SP", "TRADE_SUCCESS", "TRADE_FAILED", "success"),

	QUICKWALLET("QW", "SUCCESS", "PAYERROR", "{\"code\":\"SUCCESS\",\"message\":\"OK\"}");

	private final String tradePrefix;

	private final String paidWord;

	private final String failedWord;

	private final String ackBody;

	Wallet(String tradePrefix, String paidWord, String failedWord, String ackBody) {
		this.tradePrefix = tradePrefix;
		this.paidWord = paidWord;
		this.failedWord = failedWord;
		this.ackBody = ackBody;
	}

	/**
	 * The wallet of a channel name.
	 * @throws SandboxProblems.UnknownWallet for a name no sandbox wallet answers to
	 */
	static Wallet of(String channel) {
		for (Wallet wallet : values()) {
			if (wallet.name().equalsIgnoreCase(channel)) {
				return wallet;
			}
		}
		throw new SandboxProblems.UnknownWallet(channel);
	}

	/** The channel name, as in {@code /sandbox/<channel>}. */
	String channel() {
		return name().toLowerCase(Locale.ROOT);
	}

	String tradePrefix() {
		return this.tradePrefix;
	}

	/** The callback status word for a paid or failed trade. */
	String statusWord(TradeStatus status) {
		return (status == TradeStatus.PAID) ? this.paidWord : this.failedWord;
	}

	/** The body of a merchant's acknowledgement of a callback. */
	String ackBody() {
		return this.ackBody;
	}

}
