package io.flashsale.payment.payments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.channel.ChannelRefused;
import io.flashsale.payment.channel.ChannelUnavailable;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.NoChannelAvailable;
import io.flashsale.payment.channel.PaymentChannel;
import io.flashsale.payment.order.ShopperOrder;
import io.flashsale.payment.order.ShopperOrders;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Opens a payment for a shopper's order at a channel.
 *
 * <p>
 * The amount and the owner come from order-service, asked with the shopper's token; only
 * an order pending payment is payable. A repeated request returns the order's open
 * payment at the channel instead of opening a second one (the unique open slot per order
 * and channel decides a race). A channel that fails to open fails that payment and the
 * next routed channel is tried, so a channel going down costs the shopper nothing while
 * its breaker is still closed.
 */
@Service
class PaymentCreation {

	private static final Logger log = LoggerFactory.getLogger(PaymentCreation.class);

	private final ShopperOrders orders;

	private final Channels channels;

	private final Payments payments;

	private final PaymentTransitions transitions;

	PaymentCreation(ShopperOrders orders, Channels channels, Payments payments, PaymentTransitions transitions) {
		this.orders = orders;
		this.channels = channels;
		this.payments = payments;
		this.transitions = transitions;
	}

	/**
	 * @return the payment, and whether it was created by this call
	 */
	Created create(String userId, CreatePayment request) {
		List<String> route = this.channels.route(request.channel());
		ShopperOrder order = this.orders.get(request.orderId());
		if (!order.payable()) {
			throw new OrderNotPayable(order.orderId(), order.status());
		}
		Optional<Payment> open = (request.channel() != null)
				? this.payments.findOpen(order.orderId(), request.channel())
				: this.payments.findByOrder(order.orderId()).stream().filter((p) -> p.status().open()).findFirst();
		if (open.isPresent() && open.get().userId().equals(userId)) {
			return new Created(open.get(), false);
		}
		for (String channel : route) {
			Created created = tryChannel(userId, order, channel);
			if (created != null) {
				return created;
			}
		}
		throw new NoChannelAvailable();
	}

	private Created tryChannel(String userId, ShopperOrder order, String channel) {
		Instant now = Instant.now();
		Payment payment = new Payment("pay-" + UUID.randomUUID().toString().replace("-", ""), order.orderId(), userId,
				channel, order.totalCents(), PaymentStatus.CREATED, null, null, null, null, null, now, now, null, null);
		try {
			this.transitions.create(payment);
		}
		catch (DuplicateKeyException ex) {
			return this.payments.findOpen(order.orderId(), channel)
				.map((existing) -> new Created(existing, false))
				.orElse(null);
		}
		PaymentChannel.OpenedTrade trade;
		try {
			trade = this.channels.call(channel, (client) -> client
				.open(new PaymentChannel.Charge(payment.id(), payment.orderId(), payment.amountCents())));
		}
		catch (ChannelUnavailable | ChannelRefused ex) {
			log.warn("Channel {} could not open payment {}: {}", channel, payment.id(), ex.toString());
			this.transitions.fail(payment.id(),
					(ex instanceof ChannelUnavailable) ? "channel-unavailable" : "channel-refused", "api");
			return null;
		}
		this.transitions.opened(payment.id(), trade.tradeNo(), trade.payUrl());
		return new Created(this.payments.find(payment.id()).orElseThrow(), true);
	}

	record Created(Payment payment, boolean created) {

	}

}
