package io.flashsale.marketing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A contract stub of inventory-service's {@code PUT /api/admin/flash-sale-stock/{id}} and
 * {@code GET /api/skus/{id}} (SKUs given a list price by {@link #price}): a real HTTP
 * server on a random loopback port that answers as the contract says (201 first, 200 on
 * an idempotent repeat, 409 {@code insufficient-stock} or {@code allocation-conflict},
 * 404 for an unknown SKU) and records every call it gets.
 *
 * <p>
 * SKUs are unknown until {@link #stock} gives them units. {@link #FAILING_SKU} answers
 * 500; {@link #slowOnce} delays the next answer for a SKU beyond the client's time limit
 * (the allocation still happens, as it would on a slow real service); {@link #hold} keeps
 * every call for a SKU waiting until {@link #release}.
 */
public final class InventoryStub implements AutoCloseable {

	/** A SKU whose allocations answer 500. */
	public static final long FAILING_SKU = 5_000_500L;

	private static final Pattern PATH = Pattern.compile("/api/admin/flash-sale-stock/(\\d+)");

	private static final Pattern SKU_PATH = Pattern.compile("/api/skus/(\\d+)");

	private static final Duration SLOWNESS = Duration.ofMillis(4500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<Long, Integer> stock = new ConcurrentHashMap<>();

	private final Map<Long, Map<String, Object>> skus = new ConcurrentHashMap<>();

	private final List<String> skuReadAuthorizations = new CopyOnWriteArrayList<>();

	private final Map<Long, Call> allocations = new ConcurrentHashMap<>();

	private final List<Call> received = new CopyOnWriteArrayList<>();

	private final Set<Long> slowOnce = ConcurrentHashMap.newKeySet();

	private final Map<Long, CountDownLatch> held = new ConcurrentHashMap<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final int port;

	private HttpServer server;

	private InventoryStub() {
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	public static InventoryStub start() {
		return new InventoryStub();
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Gives a SKU units of stock, making it known. */
	public void stock(long skuId, int units) {
		this.stock.put(skuId, units);
	}

	/**
	 * Makes a SKU readable at {@code GET /api/skus/{id}} with a list price, as
	 * inventory-service shows it.
	 */
	public void price(long skuId, long shopId, long listPriceMinor, String currency) {
		this.skus.put(skuId, Map.of("id", skuId, "name", "SKU " + skuId, "available", 100, "shopId", shopId,
				"listPriceMinor", listPriceMinor, "currency", currency));
	}

	/** A SKU created before prices existed: readable, with a null list price. */
	public void unpriced(long skuId) {
		Map<String, Object> sku = new java.util.HashMap<>(
				Map.of("id", skuId, "name", "SKU " + skuId, "available", 100, "shopId", 1, "currency", "CNY"));
		sku.put("listPriceMinor", null);
		this.skus.put(skuId, sku);
	}

	/** The {@code Authorization} header of every SKU read, in order. */
	public List<String> skuReadAuthorizations() {
		return List.copyOf(this.skuReadAuthorizations);
	}

	public int stockOf(long skuId) {
		return this.stock.getOrDefault(skuId, 0);
	}

	/** The next allocation for this SKU answers only after the client has given up. */
	public void slowOnce(long skuId) {
		this.slowOnce.add(skuId);
	}

	/** Calls for this SKU wait (at most 30 s) until {@link #release}. */
	public void hold(long skuId) {
		this.held.put(skuId, new CountDownLatch(1));
	}

	/** Lets the held calls for this SKU go on. */
	public void release(long skuId) {
		CountDownLatch latch = this.held.remove(skuId);
		if (latch != null) {
			latch.countDown();
		}
	}

	/** Calls waiting in {@link #hold} right now. */
	public int waiting() {
		return this.waiting.get();
	}

	public List<Call> received() {
		return List.copyOf(this.received);
	}

	public List<Call> receivedFor(long flashSaleId) {
		return this.received.stream().filter((call) -> call.flashSaleId() == flashSaleId).toList();
	}

	public List<Call> receivedForSku(long skuId) {
		return this.received.stream().filter((call) -> call.skuId() == skuId).toList();
	}

	/** Takes the service down: connections are refused until {@link #restart}. */
	public synchronized void stop() {
		this.server.stop(0);
	}

	/** Serves again on the same port. */
	public synchronized void restart() {
		this.server = bind(this.port);
	}

	@Override
	public synchronized void close() {
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
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher skuPath = SKU_PATH.matcher(exchange.getRequestURI().getPath());
			if (skuPath.matches() && "GET".equals(exchange.getRequestMethod())) {
				this.skuReadAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
				Map<String, Object> sku = this.skus.get(Long.parseLong(skuPath.group(1)));
				if (sku == null) {
					respond(exchange, 404, problem(404, "sku-not-found"));
				}
				else {
					respond(exchange, 200, JSON.writeValueAsString(sku));
				}
				return;
			}
			Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
			if (!path.matches() || !"PUT".equals(exchange.getRequestMethod())) {
				respond(exchange, 404, problem(404, "not-found"));
				return;
			}
			JsonNode body;
			try (InputStream in = exchange.getRequestBody()) {
				body = JSON.readTree(in);
			}
			Call call = new Call(Long.parseLong(path.group(1)), body.path("skuId").asLong(),
					body.path("quantity").asInt(), exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"));
			this.received.add(call);
			if (this.slowOnce.remove(call.skuId())) {
				sleep();
			}
			CountDownLatch hold = this.held.get(call.skuId());
			if (hold != null) {
				this.waiting.incrementAndGet();
				try {
					hold.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.waiting.decrementAndGet();
				}
			}
			Answer answer = allocate(call);
			respond(exchange, answer.status(), answer.body());
		}
	}

	private synchronized Answer allocate(Call call) {
		if (call.skuId() == FAILING_SKU) {
			return new Answer(500, problem(500, "internal-error"));
		}
		Call earlier = this.allocations.get(call.flashSaleId());
		if (earlier != null) {
			boolean same = earlier.skuId() == call.skuId() && earlier.quantity() == call.quantity();
			return same ? new Answer(200, allocation(earlier)) : new Answer(409, problem(409, "allocation-conflict"));
		}
		Integer units = this.stock.get(call.skuId());
		if (units == null) {
			return new Answer(404, problem(404, "sku-not-found"));
		}
		if (units < call.quantity()) {
			return new Answer(409, problem(409, "insufficient-stock"));
		}
		this.stock.put(call.skuId(), units - call.quantity());
		this.allocations.put(call.flashSaleId(), call);
		return new Answer(201, allocation(call));
	}

	private static String allocation(Call call) {
		return JSON.writeValueAsString(Map.of("flashSaleId", call.flashSaleId(), "skuId", call.skuId(), "allocated",
				call.quantity(), "remaining", call.quantity()));
	}

	private static String problem(int status, String code) {
		return JSON.writeValueAsString(Map.of("type", "https://flashsale.dev/problems/" + code, "title", code, "status",
				status, "code", code));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (status < 400) ? "application/json" : "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(SLOWNESS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One allocation request as received.
	 *
	 * @param flashSaleId from the path
	 * @param skuId from the body
	 * @param quantity from the body
	 * @param authorization the {@code Authorization} header
	 * @param contentType the {@code Content-Type} header
	 */
	public record Call(long flashSaleId, long skuId, int quantity, String authorization, String contentType) {

	}

	private record Answer(int status, String body) {

	}

	/** The stub as a bean, and marketing-service pointed at it. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class StubConfiguration {

		@Bean(destroyMethod = "close")
		InventoryStub inventoryStub() {
			return InventoryStub.start();
		}

		@Bean
		DynamicPropertyRegistrar inventoryUrl(InventoryStub stub) {
			return (registry) -> registry.add("flashsale.marketing.inventory-url", stub::url);
		}

	}

}
