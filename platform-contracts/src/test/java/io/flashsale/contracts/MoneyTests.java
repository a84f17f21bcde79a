package io.flashsale.contracts;

import java.util.Currency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTests {

	private static Money cny(long minor) {
		return Money.of(minor, Money.CNY);
	}

	@Test
	void addsAndSubtractsExactly() {
		assertThat(cny(3_000).plus(cny(4_000)).plus(cny(5_000))).isEqualTo(cny(12_000));
		assertThat(cny(12_000).minus(cny(900))).isEqualTo(cny(11_100));
		assertThat(cny(1_999).times(3)).isEqualTo(cny(5_997));
	}

	@Test
	void sharesRoundDownToTheMinorUnit() {
		// 9.00 over 30.00 of 120.00 is exactly 2.25; 1.00 in thirds is 0.33 each.
		assertThat(cny(900).share(3_000, 12_000)).isEqualTo(cny(225));
		assertThat(cny(100).share(1, 3)).isEqualTo(cny(33));
		assertThat(cny(199).percent(5_000)).isEqualTo(cny(99));
		assertThat(cny(-100).share(1, 3)).isEqualTo(cny(-33));
	}

	@Test
	void refusesToMixCurrencies() {
		Money usd = Money.of(100, Currency.getInstance("USD"));
		assertThatIllegalArgumentException().isThrownBy(() -> cny(100).plus(usd));
		assertThatIllegalArgumentException().isThrownBy(() -> cny(100).compareTo(usd));
	}

	@Test
	void refusesOverflowAndBadShares() {
		assertThatThrownBy(() -> cny(Long.MAX_VALUE).plus(cny(1))).isInstanceOf(ArithmeticException.class);
		assertThatIllegalArgumentException().isThrownBy(() -> cny(100).share(1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> cny(100).percent(10_001));
	}

	@Test
	void knowsCurrencyCodesWithAMinorUnit() {
		assertThat(Money.isCurrencyCode("CNY")).isTrue();
		assertThat(Money.isCurrencyCode("JPY")).isTrue();
		assertThat(Money.isCurrencyCode("XAU")).as("gold has no minor unit").isFalse();
		assertThat(Money.isCurrencyCode("ABC")).isFalse();
		assertThat(Money.isCurrencyCode("cny")).isFalse();
		assertThat(Money.isCurrencyCode(null)).isFalse();
	}

	@Test
	void printsMajorUnits() {
		assertThat(cny(2_775)).hasToString("27.75 CNY");
		assertThat(cny(5)).hasToString("0.05 CNY");
	}

}
