package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flashsale.platform.security.UnsafeConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The quote key is safe by default: outside the {@code local} profile the service refuses
 * to start without a real one.
 */
class QuoteSignerTests {

	private static final String SECRET = "a-real-deployment-secret-of-32-bytes-or-more";

	@Test
	void refusesAMissingKeyOutsideTheLocalProfile() {
		assertThatExceptionOfType(UnsafeConfiguration.class).isThrownBy(() -> QuoteSigner.of(null, false))
			.satisfies((ex) -> assertThat(ex.action()).contains("FLASHSALE_QUOTE_SECRET"));
		assertThatExceptionOfType(UnsafeConfiguration.class).isThrownBy(() -> QuoteSigner.of("  ", false));
	}

	@Test
	void refusesAShortKeyAnywhereAndTheBuiltInKeyOutsideTheLocalProfile() {
		assertThatExceptionOfType(UnsafeConfiguration.class).isThrownBy(() -> QuoteSigner.of("short", true));
		assertThatExceptionOfType(UnsafeConfiguration.class).isThrownBy(() -> QuoteSigner.of("short", false));
		assertThatExceptionOfType(UnsafeConfiguration.class)
			.isThrownBy(() -> QuoteSigner.of(QuoteSigner.BUILT_IN_SECRET, false));
	}

	@Test
	void usesTheBuiltInKeyOnlyInTheLocalProfile() {
		QuoteSigner local = QuoteSigner.of(null, true);
		assertThat(local.sign("content")).isEqualTo(QuoteSigner.of(QuoteSigner.BUILT_IN_SECRET, true).sign("content"));
		assertThat(local.sign("content")).isNotEqualTo(QuoteSigner.of(SECRET, false).sign("content"));
	}

	@Test
	void verifiesOnlyTheSameContentUnderTheSameKey() {
		Quotes quotes = new Quotes(QuoteSigner.of(SECRET, false));
		Quotes otherKey = new Quotes(QuoteSigner.of(SECRET + "-rotated", false));
		Instant issued = Instant.parse("2026-12-01T10:00:00Z");
		Quote quote = quotes.sign(new Quote("q1", "alice", "CNY",
				List.of(new Quote.Line(1, 1, 1, 1_000, 1_000,
						List.of(new Quote.Discount(Stage.PLATFORM, "7", "spend|save", 100)), 900)),
				List.of(), List.of(new Quote.Discount(Stage.PLATFORM, "7", "spend|save", 100)), 1_000, 100, 900, issued,
				issued.plusSeconds(600), null));

		assertThat(quotes.verify(quote, "alice", issued)).isEqualTo(Quotes.Verdict.VALID);
		assertThat(otherKey.verify(quote, "alice", issued)).isEqualTo(Quotes.Verdict.TAMPERED);
		// A separator inside a name cannot shift one field's value into another.
		Quote renamed = quotes.sign(new Quote("q1", "alice", "CNY", quote.lines(), List.of(),
				List.of(new Quote.Discount(Stage.PLATFORM, "7|spend", "save", 100)), 1_000, 100, 900, issued,
				issued.plusSeconds(600), null));
		assertThat(renamed.signature()).isNotEqualTo(quote.signature());
		assertThat(quotes.verify(quote.signedWith(renamed.signature()), "alice", issued))
			.isEqualTo(Quotes.Verdict.TAMPERED);
		assertThat(quotes.verify(null, "alice", issued)).isEqualTo(Quotes.Verdict.TAMPERED);
	}

}
