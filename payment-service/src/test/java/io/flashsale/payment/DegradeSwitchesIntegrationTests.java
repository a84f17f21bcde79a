package io.flashsale.payment;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.UnknownChannel;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.degrade.Switch;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Live switches in payment-service: channel enable and weight follow a refresh (a
 * property source of highest precedence and an {@link EnvironmentChangeEvent}, as the
 * config client's refresh does it), and shedding NON_CORE sheds the admin reconciliation
 * while paying keeps working.
 */
@PaymentIntegrationTest
class DegradeSwitchesIntegrationTests extends PaymentTestSupport {

	private static final String SWITCHES = "test-switches";

	@Autowired
	Channels channels;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	ApplicationEventPublisher publisher;

	@AfterEach
	void backToDefaults() {
		if (this.environment.getPropertySources().remove(SWITCHES) != null) {
			this.publisher.publishEvent(new EnvironmentChangeEvent(java.util.Set.of(Switch.SHED.key(),
					"flashsale.payment.channels.sandpay.enabled", "flashsale.payment.channels.quickwallet.weight")));
		}
	}

	@Test
	void followsChannelEnableAndWeightOnRefresh() {
		assertThat(this.channels.route("sandpay")).containsExactly("sandpay");

		flip(Map.of("flashsale.payment.channels.sandpay.enabled", "false"));
		assertThatExceptionOfType(UnknownChannel.class).isThrownBy(() -> this.channels.route("sandpay"));
		assertThat(this.channels.route(null)).doesNotContain("sandpay");

		flip(Map.of("flashsale.payment.channels.quickwallet.weight", "0"));
		assertThat(this.channels.route(null)).doesNotContain("quickwallet");
		assertThat(this.channels.route("sandpay")).containsExactly("sandpay");

		flip(Map.of("flashsale.payment.channels.quickwallet.weight", "-5"));
		assertThat(this.channels.route(null)).as("an invalid weight is refused; weight 0 stays")
			.doesNotContain("quickwallet");

		this.environment.getPropertySources().remove(SWITCHES);
		this.publisher.publishEvent(
				new EnvironmentChangeEvent(java.util.Set.of("flashsale.payment.channels.quickwallet.weight")));
		assertThat(this.channels.route("sandpay")).containsExactly("sandpay");
		assertThat(this.channels.route("quickwallet")).containsExactly("quickwallet");
	}

	@Test
	void shedsTheNonCoreReconciliationWhilePaymentsGoOn() {
		String admin = this.tokens.admin("ops");
		assertThat(call(HttpMethod.GET, "/api/admin/payments/reconciliation", admin, null).getStatusCode().value())
			.isEqualTo(200);

		flip(Map.of(Switch.SHED.key(), "non-core"));
		ResponseEntity<JsonNode> shed = call(HttpMethod.GET, "/api/admin/payments/reconciliation", admin, null);
		assertThat(shed.getStatusCode().value()).isEqualTo(503);
		assertThat(shed.getBody().path("code").asString()).isEqualTo("degraded");
		assertThat(shed.getHeaders().getFirst("Retry-After")).isEqualTo("30");
		String user = shopper();
		JsonNode payment = pay(user, this.orders.order(user, 4_000), "quickwallet");
		assertThat(payment.path("status").asString()).isEqualTo("PAYING");
	}

	private void flip(Map<String, Object> values) {
		this.environment.getPropertySources().remove(SWITCHES);
		this.environment.getPropertySources().addFirst(new MapPropertySource(SWITCHES, values));
		this.publisher.publishEvent(new EnvironmentChangeEvent(values.keySet()));
	}

}
