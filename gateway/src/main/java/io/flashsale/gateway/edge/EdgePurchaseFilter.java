package io.flashsale.gateway.edge;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.Headers;
import io.flashsale.gateway.RequestBodies;
import io.flashsale.gateway.edge.SaleStates.Answer;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.problem.ProblemTypes;
import io.flashsale.stock.ReserveCommand;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers {@code POST /api/orders} for a sale that can no longer sell, from memory: 409
 * {@code sold-out} or {@code sale-not-active}, the problem order-service gives, without
 * Redis, the rate limiter or a hop.
 *
 * <p>
 * It runs before Spring Security and the routes, and answers only what it is sure of: a
 * well-formed purchase (a valid {@code Idempotency-Key}, a body of exactly
 * {@code flashSaleId} and {@code quantity} within the sale's limit) with a token the
 * gateway's own decoder accepts, of a sale whose state {@link SaleStates} knows and that
 * is no replay of an accepted purchase. Everything else, the kill switch included, goes
 * the usual way, where security, the limits and order-service decide.
 */
final class EdgePurchaseFilter implements WebFilter, Ordered {

	/** After the body limit, before Spring Security's chain (-100). */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 110;

	private static final String PURCHASE_PATH = "/api/orders";

	private static final URI INSTANCE = URI.create(PURCHASE_PATH);

	/** The pattern order-service enforces; anything else is its to answer. */
	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	/** A purchase body is a few dozen bytes; larger ones are not read here. */
	private static final int MAX_BODY = 256;

	private static final String BEARER = "Bearer ";

	private final SaleStates states;

	private final ReactiveJwtDecoder tokens;

	private final LiveSwitches switches;

	private final JsonMapper json;

	private final Map<Answer, Counter> answered = new EnumMap<>(Answer.class);

	/** Answers already written, by answer, sale and window: each is the same bytes. */
	private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

	private static final int MAX_BODIES = 10_000;

	private static final long SWITCH_READ_INTERVAL_NANOS = 1_000_000_000L;

	private volatile boolean saleKill;

	private volatile long saleKillReadAt = System.nanoTime() - 2 * SWITCH_READ_INTERVAL_NANOS;

	EdgePurchaseFilter(SaleStates states, ReactiveJwtDecoder tokens, LiveSwitches switches, JsonMapper json,
			MeterRegistry meters) {
		this.states = states;
		this.tokens = tokens;
		this.switches = switches;
		this.json = json;
		for (Answer answer : Answer.values()) {
			if (answer != Answer.PASS) {
				this.answered.put(answer,
						Counter.builder("flashsale.gateway.edge.answered")
							.description("Purchases answered by the gateway from memory")
							.tag("answer", answer.name().toLowerCase().replace('_', '-'))
							.register(meters));
			}
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST
				|| !PURCHASE_PATH.equals(request.getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		learnFromTheAnswer(exchange);
		if (!this.states.knowsAny()) {
			return chain.filter(exchange);
		}
		HttpHeaders headers = request.getHeaders();
		String key = headers.getFirst(Headers.IDEMPOTENCY_KEY);
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		long length = headers.getContentLength();
		if (key == null || authorization == null || !authorization.startsWith(BEARER) || length <= 0
				|| length > MAX_BODY || !IDEMPOTENCY_KEY.matcher(key).matches()) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), MAX_BODY)
			.map(RequestBodies::copyAndRelease)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				Purchase purchase = parse(body);
				Answer answer = (purchase != null) ? this.states.prejudge(purchase.flashSaleId(), purchase.quantity())
						: Answer.PASS;
				if (answer == Answer.PASS || saleKill()) {
					return chain.filter(exchange.mutate().request(RequestBodies.withBody(request, body)).build());
				}
				return this.tokens.decode(authorization.substring(BEARER.length()))
					.map(Jwt::getSubject)
					.map((user) -> this.states.judge(purchase.flashSaleId(), answer,
							ReserveCommand.idempotencyField(user, key)))
					.onErrorReturn(Answer.PASS)
					.flatMap((decided) -> (decided == Answer.PASS)
							? chain.filter(exchange.mutate().request(RequestBodies.withBody(request, body)).build())
							: answer(exchange, purchase.flashSaleId(), decided));
			});
	}

	/**
	 * The kill switch, read at most once a second: reading the Environment was a
	 * twentieth of a sold-out answer's cost. A stale value is harmless here either way:
	 * the gateway never reserves, it only answers sold-out or sends the purchase on.
	 */
	private boolean saleKill() {
		long now = System.nanoTime();
		if (now - this.saleKillReadAt > SWITCH_READ_INTERVAL_NANOS) {
			this.saleKill = this.switches.saleKill();
			this.saleKillReadAt = now;
		}
		return this.saleKill;
	}

	/**
	 * Order-service names a sale that cannot sell in its refusal; the gateway starts
	 * watching it and keeps the header from the shopper.
	 */
	private void learnFromTheAnswer(ServerWebExchange exchange) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			String closed = headers.getFirst(Headers.SALE_CLOSED);
			if (closed != null) {
				headers.remove(Headers.SALE_CLOSED);
				try {
					this.states.watch(Long.parseLong(closed));
				}
				catch (NumberFormatException ex) {
					// Not a sale id: nothing to learn.
				}
			}
			return Mono.empty();
		});
	}

	private Mono<Void> answer(ServerWebExchange exchange, long flashSaleId, Answer answer) {
		this.answered.get(answer).increment();
		SaleStates.SaleState state = this.states.state(flashSaleId);
		long startsAt = (state != null) ? state.startsAt() : 0;
		long endsAt = (state != null) ? state.endsAt() : 0;
		String key = answer.ordinal() + ":" + flashSaleId + ":" + startsAt + ":" + endsAt;
		byte[] body = this.bodies.get(key);
		if (body == null) {
			if (this.bodies.size() >= MAX_BODIES) {
				this.bodies.clear();
			}
			body = this.json.writeValueAsBytes(ProblemTypes.asMap(problem(flashSaleId, answer, startsAt, endsAt)));
			this.bodies.put(key, body);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.CONFLICT);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/** Order-service's problem for the answer, word for word. */
	static ProblemDetail problem(long flashSaleId, Answer answer, long startsAt, long endsAt) {
		ProblemDetail problem = switch (answer) {
			case SOLD_OUT -> ProblemTypes.problem(HttpStatus.CONFLICT, "sold-out", "Sold out",
					"Flash sale " + flashSaleId + " is sold out.");
			case ENDED -> ProblemTypes.problem(HttpStatus.CONFLICT, "sale-not-active", "Sale not active",
					"Flash sale " + flashSaleId + " is not running.");
			case NOT_STARTED -> ProblemTypes.problem(HttpStatus.CONFLICT, "sale-not-active", "Sale not active",
					"Flash sale " + flashSaleId + " runs from " + Instant.ofEpochMilli(startsAt) + " until "
							+ Instant.ofEpochMilli(endsAt) + ".");
			case PASS -> throw new IllegalStateException("nothing to answer");
		};
		problem.setInstance(INSTANCE);
		return problem;
	}

	/**
	 * The purchase if the body is exactly order-service's request with integral values,
	 * else {@code null}: order-service answers everything else.
	 */
	private Purchase parse(byte[] body) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node == null || !node.isObject() || node.size() != 2) {
				return null;
			}
			JsonNode sale = node.get("flashSaleId");
			JsonNode quantity = node.get("quantity");
			if (sale == null || quantity == null || !sale.isIntegralNumber() || !sale.canConvertToLong()
					|| !quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 1) {
				return null;
			}
			return new Purchase(sale.longValue(), quantity.intValue());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private record Purchase(long flashSaleId, int quantity) {
	}

}
