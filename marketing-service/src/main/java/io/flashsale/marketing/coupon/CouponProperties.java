package io.flashsale.marketing.coupon;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The coupons' tunables; {@code config-repo/marketing-service.yml} mirrors these
 * defaults.
 *
 * @param sendTimeout how long a claim waits for Kafka to acknowledge its
 * {@code CouponClaimed} before giving the coupon back and answering 503; 0 waits for
 * nothing (for tests of the failed hand-off)
 */
@Validated
@ConfigurationProperties("flashsale.marketing.coupons")
record CouponProperties(@DefaultValue("3s") @NotNull @DurationMin(millis = 0) Duration sendTimeout) {

}
