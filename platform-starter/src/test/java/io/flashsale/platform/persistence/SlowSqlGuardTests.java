package io.flashsale.platform.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlowSqlGuardTests {

	@Test
	void findsNonCoreMarksOnMapperMethodsAndWholeMappers() {
		assertThat(SlowSqlGuard.markedNonCore(Listing.class.getName() + ".page")).isTrue();
		assertThat(SlowSqlGuard.markedNonCore(Listing.class.getName() + ".insert")).isFalse();
		assertThat(SlowSqlGuard.markedNonCore(Listing.class.getName() + ".insert!selectKey")).isFalse();
		assertThat(SlowSqlGuard.markedNonCore(Reports.class.getName() + ".daily")).isTrue();
		assertThat(SlowSqlGuard.markedNonCore("xml.only.Namespace.select")).isFalse();
		assertThat(SlowSqlGuard.markedNonCore("noNamespace")).isFalse();
	}

	@Test
	void namesStatementsByMapperAndMethod() {
		assertThat(SlowSqlGuard.shortName("io.flashsale.order.orders.Orders.findByUser"))
			.isEqualTo("Orders.findByUser");
		assertThat(SlowSqlGuard.shortName("Orders.find")).isEqualTo("Orders.find");
	}

	interface Listing {

		@NonCore
		void page();

		void insert();

	}

	@NonCore
	interface Reports {

		void daily();

	}

}
