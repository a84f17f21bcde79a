package io.flashsale.configserver.switches;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.configserver.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class SwitchStoreTests {

	@TempDir
	Path folder;

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-11T23:55:00Z"));

	@Test
	void everyChangeIsANewVersionWithItsAuditLinesCarryingOldAndNewValues() {
		SwitchStore store = new SwitchStore(this.folder, this.clock);

		store.commit("set", "ops-alice", "peak", null,
				(current) -> List.of(new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.shed", "non-core")));
		this.clock.advance(Duration.ofMinutes(1));
		Committed second = store.commit("set", "ops-bob", "worse", null,
				(current) -> List.of(new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.shed", "important"),
						new KeyChange("order-service", "flashsale.switches.slow-sql-budget-ms", 50L)));

		assertThat(second.version().version()).isEqualTo(2);
		assertThat(second.entries()).extracting(AuditEntry::oldValue).containsExactly("non-core", null);
		assertThat(second.entries()).extracting(AuditEntry::newValue).containsExactly("important", 50L);
		assertThat(store.current().valuesFor("order-service")).containsExactlyInAnyOrderEntriesOf(
				Map.of("flashsale.switches.shed", "important", "flashsale.switches.slow-sql-budget-ms", 50L));
		assertThat(store.current().valuesFor("gateway")).containsOnlyKeys("flashsale.switches.shed");
		assertThat(store.current().find(SwitchStore.GLOBAL, "flashsale.switches.shed").by()).isEqualTo("ops-bob");
		assertThat(store.versions()).extracting(SwitchVersion::version).containsExactly(2L, 1L, 0L);
	}

	@Test
	void aNewStoreOnTheSameFolderReadsOverridesVersionsAndAuditBack() {
		SwitchStore store = new SwitchStore(this.folder, this.clock);
		store.commit("set", "ops-alice", "kill", null,
				(current) -> List.of(new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.sale-kill", true)));
		store.commit("set", "ops-alice", "budget", null,
				(current) -> List.of(new KeyChange("payment-service", "flashsale.switches.slow-sql-budget-ms", 80L)));
		store.note("plan-schedule", "ops-alice", "tonight", "peak-degrade");

		SwitchStore restarted = new SwitchStore(this.folder, this.clock);

		assertThat(restarted.current()).isEqualTo(store.current());
		assertThat(restarted.version(1)).isEqualTo(store.version(1));
		assertThat(restarted.audit(10)).isEqualTo(store.audit(10)).hasSize(3);
		assertThat(restarted.audit(10).get(0).action()).isEqualTo("plan-schedule");
		assertThat(restarted.current().valuesFor("payment-service"))
			.containsEntry("flashsale.switches.slow-sql-budget-ms", 80L);
	}

	@Test
	void removingAnOverrideLetsTheDefaultApplyAgain() {
		SwitchStore store = new SwitchStore(this.folder, this.clock);
		store.commit("set", "ops", "off", null,
				(current) -> List.of(new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.passive-cancel", false)));

		Committed removed = store.commit("plan-restore", "ops", "end", "peak-degrade",
				(current) -> List.of(new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.passive-cancel", null)));

		assertThat(store.current().overrides()).isEmpty();
		assertThat(removed.entries().get(0).oldValue()).isEqualTo(false);
		assertThat(removed.entries().get(0).newValue()).isNull();
		assertThat(store.version(0).orElseThrow().overrides()).isEmpty();
		assertThat(store.version(99)).isEmpty();
	}

}
