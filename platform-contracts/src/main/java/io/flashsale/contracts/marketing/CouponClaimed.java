package io.flashsale.contracts.marketing;

import java.time.Instant;

/**
 * A shopper took one coupon of a template: its stock and the shopper's limit were counted
 * in Redis, and the coupon writer stores it. Sent, and acknowledged by Kafka, before the
 * claim is answered 201.
 *
 * @param couponId the issued coupon, chosen by the claiming service
 * @param templateId the template it was taken from
 * @param userId the shopper who holds it
 * @param claimedAt when it was taken; a validity of N days counts from here
 */
public record CouponClaimed(String couponId, long templateId, String userId, Instant claimedAt) {

}
