package io.flashsale.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A contract stub of another service for a service's integration tests: a real HTTP
 * server on a loopback port that a subclass answers. It can be stopped (connections
 * refused) and restarted on the same port, made slow, or made to hold calls until
 * released, which is what the resilience tests (breaker, time limit, bulkhead) need.
 * Redis, Kafka and the database are never stood in for; only another service is.
 */
public abstract class ServiceStub implements AutoCloseable {

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicInteger waiting = new AtomicInteger();

	private volatile CountDownLatch hold;

	private volatile long delayMillis;

	private int port;

	private HttpServer server;

	/** Binds a free port and starts answering; call at the end of the constructor. */
	protected final synchronized void start() {
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Every answer comes this late (0: at once), for calls that {@link #pause}. */
	public void delay(long millis) {
		this.delayMillis = millis;
	}

	/** Calls wait (at most 30 s) in {@link #pause} until {@link #release}. */
	public void hold() {
		this.hold = new CountDownLatch(1);
	}

	public void release() {
		CountDownLatch latch = this.hold;
		this.hold = null;
		if (latch != null) {
			latch.countDown();
		}
	}

	/** Calls waiting in {@link #hold} right now. */
	public int waiting() {
		return this.waiting.get();
	}

	/** Connections are refused until {@link #restart}. */
	public synchronized void stop() {
		this.server.stop(0);
	}

	/** Answers again, on the same port. */
	public synchronized void restart() {
		this.server = bind(this.port);
	}

	@Override
	public synchronized void close() {
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/** Answers one call; the exchange is closed afterwards. */
	protected abstract void answer(HttpExchange exchange) throws IOException;

	/** Applies the configured delay and hold; answers call it where the call is slow. */
	protected final void pause() {
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

	/** A JSON body, as a problem for 4xx and 5xx. */
	protected static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (status < 400) ? "application/json" : "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private HttpServer bind(int port) {
		try {
			HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			created.createContext("/", (exchange) -> {
				try (exchange) {
					answer(exchange);
				}
			});
			created.setExecutor(this.executor);
			created.start();
			return created;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
