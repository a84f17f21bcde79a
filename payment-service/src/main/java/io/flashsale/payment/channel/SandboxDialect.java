package io.flashsale.payment.channel;

import java.util.Locale;

/**
 * How the two shipped sandbox wallets differ on the wire: the status words of their
 * callbacks and the acknowledgement they wait for. {@code sandpay} speaks like Alipay (a
 * plain-text {@code success}), {@code quickwallet} like WeChat Pay (a JSON
 * {@code SUCCESS} code).
 */
public enum SandboxDialect {

	SANDPAY("TRADE_SUCCESS", "TRADE_FAILED", "text/plain", "success"),

	QUICKWALLET("SUCCESS", "PAYERROR", "application/json", "{\"code\":\"SUCCESS\",\"message\":\"OK\"}");

	private final String paidWord;

	private final String failedWord;

	private final String ackContentType;

	private final String ackBody;

	SandboxDialect(String paidWord, String failedWord, String ackContentType, String ackBody) {
		this.paidWord = paidWord;
		this.failedWord = failedWord;
		this.ackContentType = ackContentType;
		this.ackBody = ackBody;
	}

	/**
	 * The dialect of a shipped channel.
	 * @throws IllegalArgumentException for a name no sandbox wallet answers to
	 */
	public static SandboxDialect of(String channel) {
		return valueOf(channel.toUpperCase(Locale.ROOT));
	}

	public static boolean speaks(String channel) {
		for (SandboxDialect dialect : values()) {
			if (dialect.name().equalsIgnoreCase(channel)) {
				return true;
			}
		}
		return false;
	}

	/** The callback status word for a paid or failed trade. */
	public String statusWord(TradeState state) {
		return (state == TradeState.PAID) ? this.paidWord : this.failedWord;
	}

	/**
	 * The state a callback status word stands for.
	 * @return PAID, FAILED, or null for a word this dialect does not use
	 */
	public TradeState stateOf(String word) {
		if (this.paidWord.equals(word)) {
			return TradeState.PAID;
		}
		return this.failedWord.equals(word) ? TradeState.FAILED : null;
	}

	public String ackContentType() {
		return this.ackContentType;
	}

	public String ackBody() {
		return this.ackBody;
	}

}
