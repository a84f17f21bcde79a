package io.flashsale.gateway.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Purchases answered at the edge ({@code flashsale.gateway.edge.*}).
 *
 * @param enabled whether the gateway answers purchases of closed sales itself
 * @param refreshInterval how often each watched sale is read from Redis
 * @param staleAfter a state not read for this long answers nothing
 * @param forgetAfter a sale nobody bought from for this long is no longer watched
 * @param maxSales the most sales watched at once
 * @param maxNewSalesPerRefresh the most new sale ids taken up between two refreshes, so
 * made-up ids cannot crowd out real sales
 */
@ConfigurationProperties("flashsale.gateway.edge")
public record EdgeProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration refreshInterval,
		@DefaultValue("5s") Duration staleAfter, @DefaultValue("10m") Duration forgetAfter,
		@DefaultValue("10000") int maxSales, @DefaultValue("100") int maxNewSalesPerRefresh) {

	public EdgeProperties {
		if (refreshInterval.isNegative() || refreshInterval.isZero() || staleAfter.compareTo(refreshInterval) <= 0) {
			throw new IllegalArgumentException(
					"flashsale.gateway.edge: refresh-interval must be positive and below stale-after");
		}
		if (maxSales < 1 || maxNewSalesPerRefresh < 1) {
			throw new IllegalArgumentException("flashsale.gateway.edge: max-sales and max-new-sales-per-refresh >= 1");
		}
	}

}
