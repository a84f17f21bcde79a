package io.flashsale.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficMarkTests {

	@Test
	void onlyAnExactShadowValueMarksShadowTraffic() {
		assertThat(TrafficMark.fromHeader("shadow")).isEqualTo(TrafficMark.SHADOW);
		assertThat(TrafficMark.fromHeader(" SHADOW ")).isEqualTo(TrafficMark.SHADOW);
		assertThat(TrafficMark.fromHeader(null)).isEqualTo(TrafficMark.REAL);
		assertThat(TrafficMark.fromHeader("shadowy")).isEqualTo(TrafficMark.REAL);
		assertThat(TrafficMark.fromHeader("")).isEqualTo(TrafficMark.REAL);
	}

	@Test
	void headerValueRoundTrips() {
		for (TrafficMark mark : TrafficMark.values()) {
			assertThat(TrafficMark.fromHeader(mark.headerValue())).isEqualTo(mark);
		}
	}

}
