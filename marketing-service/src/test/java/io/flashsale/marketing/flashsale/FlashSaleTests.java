package io.flashsale.marketing.flashsale;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.flashsale.contracts.marketing.FlashSaleScheduled;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class FlashSaleTests {

	private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static final Instant STARTS = Instant.parse("2030-06-02T10:00:00Z");

	private static final Instant ENDS = Instant.parse("2030-06-02T12:00:00Z");

	@Test
	void derivesItsShownStatusFromTheClockWithAnExclusiveEnd() {
		FlashSale sale = scheduled(request(STARTS, ENDS));

		assertThat(sale.statusAt(STARTS.minusMillis(1))).isEqualTo(FlashSaleView.Status.SCHEDULED);
		assertThat(sale.statusAt(STARTS)).isEqualTo(FlashSaleView.Status.ACTIVE);
		assertThat(sale.statusAt(ENDS.minusMillis(1))).isEqualTo(FlashSaleView.Status.ACTIVE);
		assertThat(sale.statusAt(ENDS)).isEqualTo(FlashSaleView.Status.ENDED);
	}

	@Test
	void goesFromDraftToScheduledOrRejectedOnlyOnce() {
		FlashSale scheduled = FlashSale.draft(request(STARTS, ENDS), "ops", null, NOW);
		assertThat(scheduled.status()).isEqualTo(FlashSaleStatus.DRAFT);
		assertThat(scheduled.isVisible()).isFalse();
		scheduled.schedule(NOW);
		assertThat(scheduled.isVisible()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> scheduled.schedule(NOW));
		assertThatIllegalStateException().isThrownBy(() -> scheduled.reject("insufficient-stock", NOW));

		FlashSale rejected = FlashSale.draft(request(STARTS, ENDS), "ops", null, NOW);
		rejected.reject("insufficient-stock", NOW);
		assertThat(rejected.status()).isEqualTo(FlashSaleStatus.REJECTED);
		assertThat(rejected.rejection()).isEqualTo("insufficient-stock");
		assertThat(rejected.isVisible()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> rejected.schedule(NOW));
		assertThatIllegalStateException().isThrownBy(() -> rejected.view(NOW));
	}

	@Test
	void cutsInstantsToMillisecondsSoTheAnswerTheEventAndTheRowAgree() {
		FlashSale sale = scheduled(
				request(Instant.parse("2030-06-02T10:00:00.123456789Z"), Instant.parse("2030-06-02T12:00:00.000999Z")));

		FlashSaleScheduled event = sale.scheduled();
		assertThat(event.startsAt()).isEqualTo(Instant.parse("2030-06-02T10:00:00.123Z"));
		assertThat(event.endsAt()).isEqualTo(Instant.parse("2030-06-02T12:00:00Z"));
		assertThat(sale.view(NOW).startsAt()).isEqualTo(event.startsAt());
	}

	@Test
	void carriesItsCampaignDataInTheEvent() {
		FlashSale sale = scheduled(request(STARTS, ENDS));

		assertThat(sale.scheduled()).isEqualTo(new FlashSaleScheduled(7, 42, "Tea", 1999, 100, 2, STARTS, ENDS, 900));
	}

	@Test
	void recognisesTheSameRequestAndNoOther() {
		FlashSale first = FlashSale.draft(request(STARTS, ENDS), "ops", "k", NOW);
		FlashSale again = FlashSale.draft(request(STARTS, ENDS), "ops", "k", NOW.plusSeconds(5));
		FlashSale otherPrice = FlashSale.draft(new CreateFlashSale(42L, "Tea", 1998L, 100, 2, STARTS, ENDS, 900), "ops",
				"k", NOW);
		FlashSale otherEnd = FlashSale.draft(request(STARTS, ENDS.plusMillis(1)), "ops", "k", NOW);

		assertThat(first.sameRequestAs(again)).isTrue();
		assertThat(first.sameRequestAs(otherPrice)).isFalse();
		assertThat(first.sameRequestAs(otherEnd)).isFalse();
	}

	private static FlashSale scheduled(CreateFlashSale request) {
		FlashSale sale = FlashSale.draft(request, "ops", null, NOW);
		// As MyBatis sets the generated key on insert.
		ReflectionTestUtils.setField(sale, "id", 7L);
		sale.schedule(NOW);
		return sale;
	}

	private static CreateFlashSale request(Instant startsAt, Instant endsAt) {
		return new CreateFlashSale(42L, "Tea", 1999L, 100, 2, startsAt, endsAt, 900);
	}

}
