package io.flashsale.contracts;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class EventEnvelopeTests {

	record StockReserved(String orderId, int quantity) {
	}

	@Test
	void namesTheEventAfterItsPayloadType() {
		var envelope = EventEnvelope.of("o-1", new StockReserved("o-1", 2), Instant.EPOCH);
		assertThat(envelope.type()).isEqualTo("StockReserved");
		assertThat(envelope.version()).isEqualTo(1);
		assertThat(envelope.key()).isEqualTo("o-1");
	}

	@Test
	void rejectsMissingPartsAndBadVersions() {
		assertThatNullPointerException().isThrownBy(() -> EventEnvelope.of(null, "x", Instant.EPOCH));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventEnvelope<>(java.util.UUID.randomUUID(), "X", 0, Instant.EPOCH, "k", "p"));
	}

}
