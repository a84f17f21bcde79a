package io.flashsale.marketing.inventory;

import java.time.Duration;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Money;
import io.flashsale.platform.resilience.CallDefaults;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads SKUs' list prices of record from inventory-service, with the shopper's token.
 *
 * <p>
 * One basket's reads are one call of the {@code inventory-read} bulkhead, breaker and
 * time limit ({@code resilience4j.*.instances.inventory-read}, defaults in
 * {@link #DEFAULTS}), apart from the admin's allocation call so a burst of quotes never
 * starves sale creation or the reverse. An unknown SKU is an answer ({@link SkuUnknown});
 * anything else without a usable answer is {@link InventoryCallFailed}.
 */
public class SkuPrices {

	/** The Resilience4j instance name of the price read. */
	public static final String CALL = "inventory-read";

	/**
	 * Shoppers ask for quotes: more at a time than admins allocate, each basket in 2 s.
	 */
	static final CallDefaults DEFAULTS = CallDefaults.standard(Duration.ofSeconds(2))
		.withBulkhead(BulkheadConfig.custom().maxConcurrentCalls(50).maxWaitDuration(Duration.ZERO).build());

	private static final Logger log = LoggerFactory.getLogger(SkuPrices.class);

	private final InventoryClient client;

	private final ResilientCalls calls;

	SkuPrices(InventoryClient client, ResilientCalls calls) {
		this.client = client;
		this.calls = calls;
		calls.prepare(CALL, DEFAULTS);
	}

	/**
	 * The list prices of a basket's SKUs.
	 * @param skuIds the SKUs, each once
	 * @return each SKU's price, in the order asked
	 * @throws SkuUnknown when inventory-service knows one of them not
	 * @throws InventoryCallFailed when there is no usable answer
	 */
	public Map<Long, SkuPrice> prices(Collection<Long> skuIds) {
		return this.calls.call(CALL, DEFAULTS, () -> read(skuIds), (ex) -> ex instanceof SkuUnknown, (failure) -> {
			log.warn("Reading SKU prices gave no answer: {}", failure.describe());
			throw (failure.cause() instanceof InventoryCallFailed failed) ? failed
					: new InventoryCallFailed("Reading SKU prices: " + failure.describe(), failure.cause());
		});
	}

	private Map<Long, SkuPrice> read(Collection<Long> skuIds) {
		Map<Long, SkuPrice> prices = new LinkedHashMap<>();
		for (long skuId : skuIds) {
			prices.put(skuId, read(skuId));
		}
		return prices;
	}

	private SkuPrice read(long skuId) {
		InventoryClient.Sku sku;
		try {
			sku = this.client.sku(skuId);
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
				throw new SkuUnknown(skuId);
			}
			throw new InventoryCallFailed("inventory-service answered " + ex.getStatusCode() + " for SKU " + skuId, ex);
		}
		catch (RestClientException ex) {
			throw new InventoryCallFailed("Reading SKU " + skuId + " failed", ex);
		}
		if (sku == null || sku.id() != skuId || sku.currency() == null) {
			throw new InventoryCallFailed("Unusable answer for SKU " + skuId, null);
		}
		Money price;
		try {
			price = (sku.listPriceMinor() != null)
					? Money.of(sku.listPriceMinor(), Currency.getInstance(sku.currency())) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new InventoryCallFailed("Unknown currency for SKU " + skuId, ex);
		}
		return new SkuPrice(skuId, sku.shopId(), price);
	}

}
