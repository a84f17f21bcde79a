package io.flashsale.payment.channel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Reading and verifying callbacks in each wallet's dialect (no network involved). */
class SandboxWalletTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SandboxWallet sandpay = wallet("sandpay");

	private final SandboxWallet quickwallet = wallet("quickwallet");

	@Test
	void readsASignedCallbackInItsDialect() {
		byte[] body = body("TRADE_SUCCESS");
		CallbackNotice notice = this.sandpay.verify(signed(body, "sandpay-secret"), body);
		assertThat(notice.tradeNo()).isEqualTo("SP1");
		assertThat(notice.merchantRef()).isEqualTo("pay-1");
		assertThat(notice.orderId()).isEqualTo("7-abc");
		assertThat(notice.amountCents()).isEqualTo(1_999);
		assertThat(notice.state()).isEqualTo(TradeState.PAID);
		assertThat(notice.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
		assertThat(notice.nonce()).isEqualTo("n1");
		byte[] failed = body("PAYERROR");
		assertThat(this.quickwallet.verify(signed(failed, "quickwallet-secret"), failed).state())
			.isEqualTo(TradeState.FAILED);
	}

	@Test
	void refusesAnotherWalletsSecretOrStatusWords() {
		byte[] body = body("TRADE_SUCCESS");
		assertThatExceptionOfType(InvalidCallback.class)
			.isThrownBy(() -> this.quickwallet.verify(signed(body, "sandpay-secret"), body))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidCallback.SIGNATURE));
		assertThatExceptionOfType(InvalidCallback.class)
			.isThrownBy(() -> this.quickwallet.verify(signed(body, "quickwallet-secret"), body))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidCallback.MALFORMED));
		byte[] garbage = "[1,2".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidCallback.class)
			.isThrownBy(() -> this.sandpay.verify(signed(garbage, "sandpay-secret"), garbage))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidCallback.MALFORMED));
		assertThatExceptionOfType(InvalidCallback.class).isThrownBy(() -> this.sandpay.verify(new HttpHeaders(), body))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidCallback.SIGNATURE));
	}

	@Test
	void acknowledgesInEachWalletsFormat() {
		assertThat(this.sandpay.ack()).isEqualTo(new PaymentChannel.CallbackAck("text/plain", "success"));
		assertThat(this.quickwallet.ack())
			.isEqualTo(new PaymentChannel.CallbackAck("application/json", "{\"code\":\"SUCCESS\",\"message\":\"OK\"}"));
	}

	private static byte[] body(String status) {
		return ("{\"tradeNo\":\"SP1\",\"merchantRef\":\"pay-1\",\"orderId\":\"7-abc\",\"amountCents\":1999,"
				+ "\"status\":\"" + status + "\",\"paidAt\":\"2026-01-01T00:00:00Z\",\"timestamp\":1700000000,"
				+ "\"nonce\":\"n1\",\"unknownField\":true}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static HttpHeaders signed(byte[] body, String secret) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(Signatures.HEADER, Signatures.hmacSha256Hex(secret, body));
		return headers;
	}

	private static SandboxWallet wallet(String name) {
		return new SandboxWallet(name, name + "-secret", () -> "http://127.0.0.1:1/sandbox/" + name,
				RestClient.create(), JSON);
	}

}
