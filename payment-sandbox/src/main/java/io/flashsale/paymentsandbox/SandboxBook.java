package io.flashsale.paymentsandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.flashsale.paymentsandbox.SandboxProblems.TradeNotFound;
import io.flashsale.paymentsandbox.SandboxProblems.TradeStateConflict;
import io.flashsale.paymentsandbox.SandboxProblems.WalletDown;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

/**
 * A sandbox wallet's side of every operation. Merchant calls fail while the wallet is
 * {@linkplain SandboxBehaviours#down down}; the shopper's confirmation and the drift
 * hooks do not.
 */
class SandboxBook {

	private final SandboxTrades trades;

	private final SandboxNotifications notifications;

	private final SandboxBehaviours behaviours;

	SandboxBook(SandboxTrades trades, SandboxNotifications notifications, SandboxBehaviours behaviours) {
		this.trades = trades;
		this.notifications = notifications;
		this.behaviours = behaviours;
	}

	/** Opens a trade; the same merchant reference opens nothing new. */
	SandboxTrade open(String channel, String merchantRef, String orderId, long amountCents) {
		merchantCall(channel);
		String prefix = Wallet.of(channel).tradePrefix();
		SandboxTrade trade = new SandboxTrade(channel,
				prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(Locale.ROOT),
				merchantRef, orderId, amountCents, TradeStatus.WAITING, null, now(), null, null);
		try {
			this.trades.insert(trade);
			return trade;
		}
		catch (DuplicateKeyException ex) {
			return this.trades.findByMerchantRef(channel, merchantRef).orElseThrow(() -> ex);
		}
	}

	SandboxTrade query(String channel, String tradeNo) {
		merchantCall(channel);
		return find(channel, tradeNo);
	}

	/** Closes an unpaid trade; a paid one is answered as it is. */
	SandboxTrade close(String channel, String tradeNo) {
		merchantCall(channel);
		this.trades.move(channel, tradeNo, TradeStatus.WAITING, TradeStatus.CLOSED, now());
		return find(channel, tradeNo);
	}

	/** Refunds a paid trade in full; repeating the same refund id answers the same. */
	SandboxTrade refund(String channel, String tradeNo, String refundId, long amountCents) {
		merchantCall(channel);
		SandboxTrade trade = find(channel, tradeNo);
		if (trade.status() == TradeStatus.REFUNDED && refundId.equals(trade.refundId())) {
			return trade;
		}
		if (trade.amountCents() != amountCents) {
			throw new TradeStateConflict(tradeNo, "booked for another amount", "refunded for " + amountCents);
		}
		if (this.trades.refund(channel, tradeNo, refundId, now()) != 1) {
			throw new TradeStateConflict(tradeNo, find(channel, tradeNo).status(), "refunded");
		}
		return find(channel, tradeNo);
	}

	List<SandboxTrade> statement(String channel, Instant from, Instant to) {
		merchantCall(channel);
		return this.trades.created(channel, from, to);
	}

	/**
	 * The shopper confirms at the wallet: the trade is paid (or fails) and a callback is
	 * owed, due after the wallet's callback delay.
	 */
	@Transactional
	SandboxTrade pay(String channel, String tradeNo, boolean succeed) {
		wallet(channel);
		TradeStatus outcome = succeed ? TradeStatus.PAID : TradeStatus.FAILED;
		Instant now = now();
		if (this.trades.move(channel, tradeNo, TradeStatus.WAITING, outcome, now) != 1) {
			throw new TradeStateConflict(tradeNo, find(channel, tradeNo).status(), "paid");
		}
		this.notifications.insert(channel, tradeNo, now.plus(this.behaviours.of(channel).callbackDelay()), now);
		return find(channel, tradeNo);
	}

	/** Drift on demand: the trade becomes paid and no callback is ever sent. */
	SandboxTrade settle(String channel, String tradeNo) {
		wallet(channel);
		SandboxTrade trade = find(channel, tradeNo);
		if (trade.status() == TradeStatus.PAID
				|| this.trades.move(channel, tradeNo, trade.status(), TradeStatus.PAID, now()) == 1) {
			return find(channel, tradeNo);
		}
		throw new TradeStateConflict(tradeNo, find(channel, tradeNo).status(), "settled");
	}

	SandboxTrade alter(String channel, String tradeNo, long amountCents) {
		wallet(channel);
		if (this.trades.alterAmount(channel, tradeNo, amountCents) != 1) {
			throw new TradeNotFound(channel, tradeNo);
		}
		return find(channel, tradeNo);
	}

	void forget(String channel, String tradeNo) {
		wallet(channel);
		if (this.trades.forget(channel, tradeNo) != 1) {
			throw new TradeNotFound(channel, tradeNo);
		}
	}

	List<SandboxNotification> notifications(String channel, String tradeNo) {
		wallet(channel);
		return this.notifications.ofTrade(channel, tradeNo);
	}

	SandboxTrade find(String channel, String tradeNo) {
		return this.trades.find(channel, tradeNo).orElseThrow(() -> new TradeNotFound(channel, tradeNo));
	}

	static void wallet(String channel) {
		Wallet.of(channel);
	}

	private void merchantCall(String channel) {
		wallet(channel);
		if (this.behaviours.down(channel)) {
			throw new WalletDown(channel);
		}
	}

	/**
	 * Milliseconds, as the tables store them, so what is returned is what is read back.
	 */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
