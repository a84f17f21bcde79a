package io.flashsale.marketing.coupon;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Creates coupon templates and reads them back. A template is answered only once its
 * claim counters are prepared in Redis, so its first claim costs one script; if they
 * cannot be prepared, the row is removed again (no claim can have happened) and the admin
 * gets a retryable 503.
 */
@Service
class CouponTemplateService {

	private static final Logger log = LoggerFactory.getLogger(CouponTemplateService.class);

	private final CouponTemplates templates;

	private final CouponCounters counters;

	private final Clock clock;

	CouponTemplateService(CouponTemplates templates, CouponCounters counters, Clock clock) {
		this.templates = templates;
		this.counters = counters;
		this.clock = clock;
	}

	CouponTemplateView create(CreateCouponTemplate request, String admin) {
		CouponTemplate draft = CouponTemplate.of(request, admin, this.clock.instant());
		CouponTemplates.GeneratedId key = new CouponTemplates.GeneratedId();
		this.templates.insert(draft, key);
		CouponTemplate template = draft.withId(key.getId());
		try {
			this.counters.prepare(template);
		}
		catch (DataAccessException ex) {
			log.warn("Could not prepare the counters of coupon template {}; removing it", template.id(), ex);
			this.templates.delete(template.id());
			throw new ClaimUnavailable("coupon-counters-unavailable", "Coupon counters unavailable",
					"The claim counters cannot be reached; the template was not created. Retry.", 1);
		}
		return CouponTemplateView.of(template, (long) template.totalStock());
	}

	/** The template with its remaining stock from Redis (null if Redis cannot say). */
	CouponTemplateView find(long id) {
		CouponTemplate template = this.templates.findById(id).orElseThrow(() -> new CouponTemplateNotFound(id));
		return CouponTemplateView.of(template, remaining(id).orElse(null));
	}

	private Optional<Long> remaining(long id) {
		try {
			return this.counters.remaining(id);
		}
		catch (DataAccessException ex) {
			log.warn("Could not read the remaining coupons of template {}: {}", id, ex.toString());
			return Optional.empty();
		}
	}

}
