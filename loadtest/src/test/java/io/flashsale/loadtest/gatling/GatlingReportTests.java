package io.flashsale.loadtest.gatling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GatlingReportTests {

	@Test
	void readsEachRequestsRowOfTheStatisticsTable() throws IOException {
		assertThat(GatlingReport.requests(html())).containsExactly(
				new RequestStats("spike purchase", 91, 0, 2613, 4979), new RequestStats("browse sale", 1200, 7, 15, 0));
	}

	@Test
	void refusesAReportWithoutThePercentilesItJudges() throws IOException {
		assertThatIllegalStateException().isThrownBy(
				() -> GatlingReport.requests(html().replace("<span>99th pct</span>", "<span>99.9th pct</span>")));
	}

	private static String html() throws IOException {
		try (InputStream in = GatlingReportTests.class.getResourceAsStream("report-index.html")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
