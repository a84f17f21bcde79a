package io.flashsale.marketing.coupon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.CouponClaimed;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventReader;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores claimed coupons from {@code CouponClaimed} records, a batch at a time, as the
 * order writer stores orders.
 *
 * <p>
 * It first confirms the batch's coupons in Redis, one script per template (so a failed
 * send's release can no longer give them back), then inserts the confirmed ones in one
 * multi-row statement that ignores ids already stored. A crash anywhere replays the batch
 * and both steps are idempotent. A coupon already released has no stock behind it and is
 * not stored; one Redis has no record of (lost with its data) was acknowledged all the
 * same and is stored. Unreadable records, and claims of an unknown template, go to the
 * dead-letter topic.
 */
@Component
class CouponWriter {

	private static final Logger logger = LoggerFactory.getLogger(CouponWriter.class);

	private final CouponCounters counters;

	private final Coupons coupons;

	private final CouponTemplates templates;

	private final EventReader events;

	private final DeadLetters deadLetters;

	private final Counter written;

	private final Counter released;

	CouponWriter(CouponCounters counters, Coupons coupons, CouponTemplates templates, EventReader events,
			DeadLetters deadLetters, MeterRegistry meters) {
		this.counters = counters;
		this.coupons = coupons;
		this.templates = templates;
		this.events = events;
		this.deadLetters = deadLetters;
		this.written = meters.counter("flashsale.coupons.written");
		this.released = meters.counter("flashsale.coupons.skipped", "reason", "released");
	}

	@KafkaListener(id = "coupon-writer", topics = Topics.COUPON_CLAIMS, batch = "true")
	void write(List<ConsumerRecord<String, String>> records) {
		Map<String, ConsumerRecord<String, String>> sources = new HashMap<>();
		List<CouponClaimed> claims = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			read(record).ifPresent((claim) -> {
				claims.add(claim);
				sources.put(claim.couponId(), record);
			});
		}
		if (claims.isEmpty()) {
			return;
		}
		Map<Long, CouponTemplate> templates = this.templates
			.findAll(claims.stream().map(CouponClaimed::templateId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(CouponTemplate::id, Function.identity()));
		Map<Long, List<String>> byTemplate = new LinkedHashMap<>();
		List<CouponClaimed> known = new ArrayList<>(claims.size());
		for (CouponClaimed claim : claims) {
			if (!templates.containsKey(claim.templateId())) {
				this.deadLetters.publish(sources.get(claim.couponId()), EventReader.INVALID,
						new IllegalArgumentException("unknown coupon template " + claim.templateId()));
				continue;
			}
			known.add(claim);
			byTemplate.computeIfAbsent(claim.templateId(), (id) -> new ArrayList<>()).add(claim.couponId());
		}
		Map<String, Optional<IssuedCoupon.State>> states = new HashMap<>();
		byTemplate.forEach((template, ids) -> states.putAll(this.counters.confirmAll(template, ids)));
		Map<String, Coupon> stored = new LinkedHashMap<>();
		for (CouponClaimed claim : known) {
			Optional<IssuedCoupon.State> state = states.get(claim.couponId());
			if (state.isPresent() && state.get() == IssuedCoupon.State.RELEASED) {
				this.released.increment();
				logger.warn("No coupon {}: its claim was released", claim.couponId());
				continue;
			}
			if (state.isEmpty()) {
				logger.warn("Storing coupon {} of template {}: its claim record was lost with Redis data",
						claim.couponId(), claim.templateId());
			}
			CouponTemplate template = templates.get(claim.templateId());
			stored.putIfAbsent(claim.couponId(), Coupon.issued(claim.couponId(), claim.templateId(), claim.userId(),
					claim.claimedAt(), template.validFrom(claim.claimedAt()), template.validUntil(claim.claimedAt())));
		}
		if (!stored.isEmpty()) {
			this.coupons.insertAll(List.copyOf(stored.values()));
			this.written.increment(stored.size());
		}
	}

	private Optional<CouponClaimed> read(ConsumerRecord<String, String> record) {
		try {
			CouponClaimed claim = this.events.read(record, CouponClaimed.class).payload();
			if (claim == null || claim.couponId() == null || claim.userId() == null || claim.claimedAt() == null) {
				throw new IllegalArgumentException("a claim needs couponId, userId and claimedAt");
			}
			return Optional.of(claim);
		}
		catch (PoisonMessage ex) {
			this.deadLetters.publish(record, ex.reason(), ex);
			return Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			this.deadLetters.publish(record, EventReader.INVALID, ex);
			return Optional.empty();
		}
	}

}
