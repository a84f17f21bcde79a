package io.flashsale.paymentsandbox;

import java.util.Map;

import io.flashsale.payment.PaymentServiceApplication;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service as deployed, without the {@code local} profile (its own secrets given)
 * and with the payment-sandbox module on its classpath, as in its jar: the sandbox
 * wallets do not exist, so nobody can list, pay, fail or settle a trade or take a channel
 * down through them. It lives in the sandbox's package to name the sandbox's own beans.
 */
@IntegrationTest
@ContextConfiguration(classes = PaymentServiceApplication.class)
@ActiveProfiles("deployed")
@TestPropertySource(properties = { "flashsale.security.jwt.secret=a-deployment-secret-of-at-least-32-bytes",
		"flashsale.payment.channels.sandpay.secret=a-real-sandpay-secret",
		"flashsale.payment.channels.quickwallet.secret=a-real-quickwallet-secret" })
class SandboxOutsideLocalIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	LocalTokens tokens;

	@LocalServerPort
	int port;

	@Test
	void hasNoSandboxWalletsOutsideTheLocalProfile() {
		assertThat(this.context.getBeanNamesForType(PaymentSandboxAutoConfiguration.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxProperties.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxController.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxBook.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxNotifier.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SandboxTrades.class)).isEmpty();
	}

	@Test
	void answersNoSandboxEndpointOutsideTheLocalProfile() {
		Map<String, HttpMethod> calls = Map.of("/sandbox/sandpay/trades", HttpMethod.POST,
				"/sandbox/sandpay/trades/SP-1/pay", HttpMethod.POST, "/sandbox/sandpay/trades/SP-1/settle",
				HttpMethod.POST, "/sandbox/quickwallet/behaviour", HttpMethod.PUT, "/sandbox/sandpay/trades/SP-1",
				HttpMethod.GET);
		calls.forEach((path, method) -> {
			assertThat(call(method, path, null)).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(call(method, path, this.tokens.admin("ops"))).as(path).isEqualTo(HttpStatus.NOT_FOUND);
		});
	}

	private HttpStatus call(HttpMethod method, String path, String token) {
		return HttpStatus.valueOf(RestClient.create("http://127.0.0.1:" + this.port)
			.method(method)
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			})
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode()
			.value());
	}

}
