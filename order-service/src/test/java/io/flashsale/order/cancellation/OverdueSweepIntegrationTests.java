package io.flashsale.order.cancellation;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.flashsale.order.TestSales;
import io.flashsale.order.TestService;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database sweep on real MariaDB and Redis: it cancels overdue unpaid orders the
 * delayed-cancel queue lost or holds too late, and takes them off the queue.
 */
@IntegrationTest
class OverdueSweepIntegrationTests {

	@Autowired
	OverdueSweep sweep;

	@Autowired
	PayDeadlines deadlines;

	private final TestService service;

	OverdueSweepIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	/**
	 * Two orders with a 2 s pay timeout: one's queue entry is gone (claimed by an
	 * instance that died), the other's is queued for far too late (a skewed clock).
	 */
	@Test
	void cancelsOverdueOrdersTheQueueMissedAndDequeuesThem() throws Exception {
		long sale = ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
		this.service.testSales()
			.schedule(sale, 5, 1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), 2);
		List<String> ids = this.service.testOrders().place(sale, "swept-" + sale, 2, 2);
		TestSales.await(() -> pending(sale) == 2, "2 orders written");
		String lost = ids.get(0);
		String late = ids.get(1);
		this.deadlines.remove(lost);
		this.deadlines.reschedule(late, Instant.now().plusSeconds(3600));
		Instant deadline = this.service.jdbc()
			.queryForObject("SELECT MAX(pay_deadline) FROM orders WHERE flash_sale_id = ?", java.sql.Timestamp.class,
					sale)
			.toInstant();
		// The sweep takes orders more than the grace (1 s in tests) past their deadline.
		TestSales.await(() -> Instant.now().isAfter(deadline.plusMillis(1_100)), "the grace passed");
		assertThat(pending(sale)).as("the queue did not cancel them").isEqualTo(2);

		assertThat(this.sweep.sweep()).isGreaterThanOrEqualTo(2);

		assertThat(this.service.jdbc()
			.queryForList("SELECT CONCAT(status, ' ', cancel_reason) FROM orders WHERE flash_sale_id = ?", String.class,
					sale))
			.containsExactly("CANCELLED expired", "CANCELLED expired");
		assertThat(this.deadlines.isQueued(late)).as("the late entry left the queue").isFalse();
		assertThat(this.deadlines.isQueued(lost)).isFalse();
	}

	private long pending(long sale) {
		Long count = this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ? AND status = 'PENDING_PAYMENT'",
					Long.class, sale);
		return (count != null) ? count : 0;
	}

}
