package io.flashsale.marketing.coupon;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Ids;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.CouponClaimed;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.problem.ApiProblem;

import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Claims a coupon, as the flash-sale purchase path buys: the whole decision is one Lua
 * script on Redis ({@link CouponCounters#claim}), the hand-off to the coupon writer is
 * one Kafka send, and no database is touched. While the {@code coupon-claim} switch is
 * on, every claim is refused before the script runs, so nothing is taken.
 *
 * <p>
 * A 201 is given only once Kafka has acknowledged the {@code CouponClaimed} record; from
 * then on the coupon exists whatever fails. A failed send gives the coupon back before
 * answering 503, unless the writer had confirmed it already (then the coupon exists and
 * the answer is 201). A replay answers 200 with the first claim's coupon, whatever the
 * window or stock; its record is sent again while still unconfirmed, since the first
 * hand-off may have died with its process (the writer stores it once).
 */
@Service
class CouponClaims {

	private static final Logger logger = LoggerFactory.getLogger(CouponClaims.class);

	/** The purchase path's rule, so clients generate keys one way for both. */
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	private final CouponCounters counters;

	private final CouponTemplates templates;

	private final KafkaTemplate<String, String> kafka;

	private final EventJson events;

	private final Clock clock;

	private final CouponProperties properties;

	private final LiveSwitches switches;

	private final MeterRegistry meters;

	private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

	CouponClaims(CouponCounters counters, CouponTemplates templates, KafkaTemplate<String, String> kafka,
			EventJson events, Clock clock, CouponProperties properties, LiveSwitches switches, MeterRegistry meters) {
		this.counters = counters;
		this.templates = templates;
		this.kafka = kafka;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.switches = switches;
		this.meters = meters;
	}

	/** What a claim answered: the coupon, and whether it was taken by this call. */
	record Claim(ClaimedCoupon coupon, boolean replayed) {
	}

	/**
	 * Claims one coupon; counted as {@code flashsale.coupons.claims} by outcome
	 * ({@code issued}, {@code replayed}, or the problem's code).
	 */
	Claim claim(long templateId, String userId, String idempotencyKey) {
		try {
			Claim claim = take(templateId, userId, idempotencyKey);
			count(claim.replayed() ? "replayed" : "issued");
			return claim;
		}
		catch (ApiProblem problem) {
			count(problem.code());
			throw problem;
		}
	}

	private void count(String outcome) {
		this.outcomes
			.computeIfAbsent(outcome, (name) -> this.meters.counter("flashsale.coupons.claims", "outcome", name))
			.increment();
	}

	private Claim take(long templateId, String userId, String idempotencyKey) {
		if (this.switches.couponClaimPaused()) {
			throw ClaimUnavailable.paused("Coupon claims are paused by operations; nothing was claimed. Retry later.",
					30);
		}
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			throw new IdempotencyKeyMissing("Send an Idempotency-Key header.");
		}
		if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw new IdempotencyKeyMissing("The Idempotency-Key must be 8 to 64 of A-Z a-z 0-9 . _ : -");
		}
		// To the millisecond, as the counters and the database keep it, so a replay
		// answers the same.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String couponId = Ids.randomHex();
		ClaimOutcome outcome;
		try {
			outcome = this.counters.claim(templateId, userId, couponId, idempotencyKey, now);
		}
		catch (DataAccessException ex) {
			logger.warn("Coupon counters unreachable for template {}: {}", templateId, ex.toString());
			throw new ClaimUnavailable("coupon-counters-unavailable", "Coupon counters unavailable",
					"The claim counters cannot be reached. Retry with the same Idempotency-Key: if this claim was "
							+ "taken, the retry returns it; otherwise it claims once.",
					1);
		}
		return switch (outcome) {
			case ClaimOutcome.Taken taken -> handOff(templateId, userId, taken.couponId(), now);
			case ClaimOutcome.Replayed replayed -> replay(templateId, replayed.couponId(), now);
			case ClaimOutcome.KeyReused reused -> throw new IdempotencyKeyReused();
			case ClaimOutcome.NotOpen notOpen -> throw new ClaimNotOpen(templateId);
			case ClaimOutcome.LimitReached limit -> throw new ClaimLimitReached(limit.held());
			case ClaimOutcome.Gone gone -> throw new CouponsGone(templateId);
			case ClaimOutcome.NotPrepared notPrepared -> throw notPrepared(templateId);
		};
	}

	/**
	 * Every template's counters are prepared when it is created, so none means an unknown
	 * template, or counters lost with Redis data: then claims wait (fail closed) rather
	 * than issue from a guessed stock.
	 */
	private RuntimeException notPrepared(long templateId) {
		if (this.templates.findById(templateId).isEmpty()) {
			return new CouponTemplateNotFound(templateId);
		}
		logger.error("Coupon template {} has no claim counters in Redis; claims are refused", templateId);
		return ClaimUnavailable.paused("Claims of template " + templateId + " are paused until its counters are "
				+ "restored; nothing was claimed.", 30);
	}

	private Claim handOff(long templateId, String userId, String couponId, Instant now) {
		Optional<Exception> failure = send(new CouponClaimed(couponId, templateId, userId, now), now);
		if (failure.isEmpty()) {
			return new Claim(new ClaimedCoupon(couponId, templateId, now), false);
		}
		logger.warn("Hand-off of coupon {} of template {} failed; releasing it", couponId, templateId, failure.get());
		try {
			if (this.counters.release(templateId, couponId)) {
				throw new ClaimUnavailable("claim-not-accepted", "Claim not accepted",
						"The claim could not be accepted right now; nothing was claimed. Retry.", 1);
			}
			Optional<IssuedCoupon> issued = this.counters.issued(templateId, couponId);
			if (issued.isPresent() && issued.get().state() == IssuedCoupon.State.CONFIRMED) {
				// The record reached the writer after all: the coupon exists.
				return new Claim(new ClaimedCoupon(couponId, templateId, now), false);
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Could not release coupon {}: {}", couponId, ex.toString());
		}
		throw outcomeUnknown();
	}

	private Claim replay(long templateId, String couponId, Instant now) {
		Optional<IssuedCoupon> issued;
		try {
			issued = this.counters.issued(templateId, couponId);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not look up replayed coupon {}: {}", couponId, ex.toString());
			throw outcomeUnknown();
		}
		if (issued.isEmpty() || issued.get().state() == IssuedCoupon.State.RELEASED) {
			throw outcomeUnknown();
		}
		IssuedCoupon coupon = issued.get();
		if (coupon.state() == IssuedCoupon.State.PENDING) {
			Optional<Exception> failure = send(
					new CouponClaimed(couponId, templateId, coupon.userId(), coupon.claimedAt()), now);
			if (failure.isPresent()) {
				// Not released: the first hand-off may have been acknowledged meanwhile.
				logger.warn("Replayed hand-off of coupon {} failed", couponId, failure.get());
				throw outcomeUnknown();
			}
		}
		return new Claim(new ClaimedCoupon(couponId, templateId, coupon.claimedAt()), true);
	}

	/**
	 * Sends the record and waits for Kafka's acknowledgement up to {@code send-timeout}
	 * after the claim started.
	 */
	private Optional<Exception> send(CouponClaimed event, Instant started) {
		long deadline = started.toEpochMilli() + this.properties.sendTimeout().toMillis();
		try {
			this.kafka.send(Topics.COUPON_CLAIMS, event.couponId(), this.events.write(event.couponId(), event, started))
				.get(Math.max(0, deadline - this.clock.millis()), TimeUnit.MILLISECONDS);
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of(ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return Optional.of(ex);
		}
	}

	private static ClaimUnavailable outcomeUnknown() {
		return new ClaimUnavailable("claim-outcome-unknown", "Claim outcome unknown",
				"The claim could not be confirmed right now. Retry with the same Idempotency-Key: if it was taken, "
						+ "the retry returns it; otherwise it claims once.",
				1);
	}

}
