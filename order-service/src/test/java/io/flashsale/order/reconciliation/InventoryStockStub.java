package io.flashsale.order.reconciliation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A contract stub of inventory-service's {@code GET /api/admin/flash-sale-stock/{id}}: a
 * real HTTP server on a random loopback port answering the database stock it was given
 * (404 for other sales). It can be stopped (connections refused), made slow, or made to
 * hold calls until released, and records the sales it was asked for.
 */
public final class InventoryStockStub implements AutoCloseable {

	private static final Pattern PATH = Pattern.compile("/api/admin/flash-sale-stock/(\\d+)");

	private final Map<Long, Long> remaining = new ConcurrentHashMap<>();

	private final List<Long> received = new CopyOnWriteArrayList<>();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicInteger waiting = new AtomicInteger();

	private volatile CountDownLatch hold;

	private volatile long delayMillis;

	private final int port;

	private HttpServer server;

	InventoryStockStub() {
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	void remaining(long flashSaleId, long units) {
		this.remaining.put(flashSaleId, units);
	}

	List<Long> received() {
		return List.copyOf(this.received);
	}

	/** Every answer comes this late (0: at once). */
	void delay(long millis) {
		this.delayMillis = millis;
	}

	/** Calls wait (at most 30 s) until {@link #release}. */
	void hold() {
		this.hold = new CountDownLatch(1);
	}

	void release() {
		CountDownLatch latch = this.hold;
		this.hold = null;
		if (latch != null) {
			latch.countDown();
		}
	}

	int waiting() {
		return this.waiting.get();
	}

	synchronized void stop() {
		this.server.stop(0);
	}

	synchronized void restart() {
		this.server = bind(this.port);
	}

	@Override
	public synchronized void close() {
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private HttpServer bind(int port) {
		try {
			HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			created.createContext("/", this::handle);
			created.setExecutor(this.executor);
			created.start();
			return created;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
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
	}

	private void pause() {
		try {
			if (this.delayMillis > 0) {
				Thread.sleep(this.delayMillis);
			}
			CountDownLatch latch = this.hold;
			if (latch != null) {
				this.waiting.incrementAndGet();
				try {
					latch.await(30, TimeUnit.SECONDS);
				}
				finally {
					this.waiting.decrementAndGet();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
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
