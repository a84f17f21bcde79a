package io.flashsale.order.reconciliation;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import io.flashsale.testsupport.ServiceStub;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A contract stub of inventory-service's {@code GET /api/admin/flash-sale-stock/{id}}
 * answering the database stock it was given (404 for other sales), and recording the
 * sales it was asked for. Stopping, slowness and holding come from {@link ServiceStub}.
 */
public final class InventoryStockStub extends ServiceStub {

	private static final Pattern PATH = Pattern.compile("/api/admin/flash-sale-stock/(\\d+)");

	private final Map<Long, Long> remaining = new ConcurrentHashMap<>();

	private final List<Long> received = new CopyOnWriteArrayList<>();

	InventoryStockStub() {
		start();
	}

	void remaining(long flashSaleId, long units) {
		this.remaining.put(flashSaleId, units);
	}

	List<Long> received() {
		return List.copyOf(this.received);
	}

	@Override
	protected void answer(HttpExchange exchange) throws IOException {
		Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
		if (!path.matches() || !"GET".equals(exchange.getRequestMethod())) {
			respond(exchange, 404, "{\"code\":\"not-found\"}");
			return;
		}
		long sale = Long.parseLong(path.group(1));
		this.received.add(sale);
		pause();
		Long units = this.remaining.get(sale);
		if (units == null) {
			respond(exchange, 404, "{\"code\":\"flash-sale-not-found\"}");
			return;
		}
		respond(exchange, 200, "{\"flashSaleId\":%d,\"allocated\":%d,\"remaining\":%d,\"ordersApplied\":0}"
			.formatted(sale, units, units));
	}

	/** The stub as a bean, and order-service's inventory URL pointed at it. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class StubConfiguration {

		@Bean(destroyMethod = "close")
		InventoryStockStub inventoryStockStub() {
			return new InventoryStockStub();
		}

		@Bean
		DynamicPropertyRegistrar inventoryStockUrl(InventoryStockStub stub) {
			return (registry) -> registry.add("flashsale.order.inventory-url", stub::url);
		}

	}

}
