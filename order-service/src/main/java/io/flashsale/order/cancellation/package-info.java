/**
 * Every way an unpaid order is cancelled, and each goes through
 * {@code orders.OrderLifecycle.cancel}, whose conditional update lets exactly one
 * canceller (or the payment) win and publish: the shopper's cancel
 * ({@code ShopperCancelController}); the delayed-cancel queue at the pay deadline
 * ({@code PayDeadlines}, claimed by {@code DeadlineQueuePoller}); the database sweep
 * behind the queue ({@code OverdueSweep}), both run by {@code ExpirySchedule}; and
 * passive cancel on read, which stays in the read path ({@code orders.OrdersController},
 * via {@code OrderLifecycle.cancelIfOverdue}). Releasing reservations that never became
 * orders is {@code reaper}, not a cancellation.
 */
package io.flashsale.order.cancellation;
