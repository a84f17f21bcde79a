package io.flashsale.order.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.json.StrictJsonAutoConfiguration;
import io.flashsale.platform.problem.ProblemDetailsAutoConfiguration;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.platform.security.ServletSecurityAutoConfiguration;
import io.flashsale.stock.Reservation;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The shopper's order reads at the web edge: the security chain, method validation and
 * the problem advice of the running service, with the service layer mocked. The caller is
 * the token's subject, never a request value; another shopper's order answers exactly as
 * an unknown one; invalid paging is a 400 problem before anything is read.
 */
@WebMvcTest(controllers = OrdersController.class, properties = "spring.cloud.config.enabled=false")
@ImportAutoConfiguration({ ServletSecurityAutoConfiguration.class, ProblemDetailsAutoConfiguration.class,
		StrictJsonAutoConfiguration.class })
@ActiveProfiles("local")
class OrdersControllerTests {

	private static final String ORDER_ID = "42-0123456789abcdef0123456789abcdef";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JwtProperties jwt;

	@MockitoBean
	Orders orders;

	@MockitoBean
	ShopperOrders shopperOrders;

	@MockitoBean
	OrderLifecycle lifecycle;

	@MockitoBean
	LiveSwitches switches;

	@Test
	void readsTheCallersOrderAsTheTokensSubject() {
		given(this.shopperOrders.find(ORDER_ID, "alice")).willReturn(Optional.of(order("alice")));

		assertThat(get("alice", "/api/orders/" + ORDER_ID)).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.orderId", (id) -> assertThat(id).asString().isEqualTo(ORDER_ID))
			.hasPathSatisfying("$.status", (status) -> assertThat(status).asString().isEqualTo("PENDING_PAYMENT"));
		then(this.shopperOrders).should().find(ORDER_ID, "alice");
	}

	/**
	 * Mallory asks for Alice's order, Bob for an id nobody holds: the same 404 problem,
	 * so the answer never tells whether the id exists.
	 */
	@Test
	void answersAnotherShoppersOrderExactlyAsAnUnknownOne() {
		given(this.shopperOrders.find(ORDER_ID, "mallory")).willThrow(new OrderNotFound(ORDER_ID));
		given(this.shopperOrders.find(ORDER_ID, "bob")).willReturn(Optional.empty());
		given(this.shopperOrders.processing(ORDER_ID, "bob")).willReturn(Optional.empty());

		MvcTestResult othersOrder = get("mallory", "/api/orders/" + ORDER_ID);
		MvcTestResult unknownOrder = get("bob", "/api/orders/" + ORDER_ID);

		assertProblem(othersOrder, HttpStatus.NOT_FOUND, "order-not-found");
		assertProblem(unknownOrder, HttpStatus.NOT_FOUND, "order-not-found");
		assertThat(othersOrder.getResponse().getContentAsByteArray())
			.isEqualTo(unknownOrder.getResponse().getContentAsByteArray());
	}

	@Test
	void answersAReservationOnItsWayAs202Processing() {
		Instant reservedAt = Instant.parse("2026-03-01T10:00:00Z");
		given(this.shopperOrders.find(ORDER_ID, "alice")).willReturn(Optional.empty());
		given(this.shopperOrders.processing(ORDER_ID, "alice"))
			.willReturn(Optional.of(new Reservation(ORDER_ID, Reservation.State.RESERVED, "alice", 2, reservedAt)));

		assertThat(get("alice", "/api/orders/" + ORDER_ID)).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.hasPathSatisfying("$.status", (status) -> assertThat(status).asString().isEqualTo("PROCESSING"))
			.hasPathSatisfying("$.flashSaleId", (sale) -> assertThat(sale).asNumber().isEqualTo(42))
			.hasPathSatisfying("$.quantity", (quantity) -> assertThat(quantity).asNumber().isEqualTo(2));
	}

	@Test
	void answersAMalformedOrderIdWithAnInvalidOrderIdProblem() {
		given(this.shopperOrders.find("not-an-order", "alice")).willThrow(new InvalidOrderId());

		assertProblem(get("alice", "/api/orders/not-an-order"), HttpStatus.BAD_REQUEST, "invalid-order-id");
	}

	/** Page 2 of 20 starts at row 40, and only the caller's orders are read. */
	@Test
	void listsThePageOfTheCallersOrders() {
		given(this.orders.findByUser("alice", 20, 40)).willReturn(List.of(order("alice")));
		given(this.orders.countByUser("alice")).willReturn(41L);

		assertThat(get("alice", "/api/orders?page=2&size=20")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.items[0].orderId", (id) -> assertThat(id).asString().isEqualTo(ORDER_ID))
			.hasPathSatisfying("$.total", (total) -> assertThat(total).asNumber().isEqualTo(41));
	}

	/** Outside page 0..10000 or size 1..100: 400 naming the parameter, nothing read. */
	@Test
	void refusesPagingOutOfRangeWithAnInvalidRequestProblem() {
		assertInvalidParameter("/api/orders?size=0", "size");
		assertInvalidParameter("/api/orders?size=101", "size");
		assertInvalidParameter("/api/orders?page=-1", "page");
		assertInvalidParameter("/api/orders?page=10001", "page");
		verifyNoInteractions(this.orders, this.lifecycle);
	}

	@Test
	void refusesAPageThatIsNotANumberWithAProblem() {
		assertProblem(get("alice", "/api/orders?page=first"), HttpStatus.BAD_REQUEST, "invalid-request");
		verifyNoInteractions(this.orders);
	}

	@Test
	void refusesACallWithoutATokenWithAnUnauthenticatedProblem() {
		assertProblem(this.mvc.get().uri("/api/orders/" + ORDER_ID).exchange(), HttpStatus.UNAUTHORIZED,
				"unauthenticated");
		assertProblem(this.mvc.get().uri("/api/orders").exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
		verifyNoInteractions(this.orders, this.shopperOrders);
	}

	private void assertInvalidParameter(String uri, String parameter) {
		MvcTestResult result = get("alice", uri);
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(result).bodyJson()
			.hasPathSatisfying("$.errors[0].field", (field) -> assertThat(field).asString().isEqualTo(parameter));
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String code) {
		assertThat(result).hasStatus(status)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.status", (value) -> assertThat(value).asNumber().isEqualTo(status.value()))
			.hasPathSatisfying("$.code", (value) -> assertThat(value).asString().isEqualTo(code))
			.hasPathSatisfying("$.type",
					(value) -> assertThat(value).asString().isEqualTo("https://flashsale.dev/problems/" + code));
	}

	private MvcTestResult get(String user, String uri) {
		String token = new LocalTokens(this.jwt, Duration.ofMinutes(5)).user(user);
		return this.mvc.get().uri(uri).header("Authorization", "Bearer " + token).exchange();
	}

	private static Order order(String userId) {
		return Order.placed(new OrderReserved(ORDER_ID, 42, 77, userId, 1, 1999, Instant.now(), 900));
	}

}
