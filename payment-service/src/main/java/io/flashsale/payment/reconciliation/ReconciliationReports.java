package io.flashsale.payment.reconciliation;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

import io.flashsale.platform.persistence.NonCore;

/** The stored reconciliation reports; findings are kept as JSON. */
@Mapper
interface ReconciliationReports {

	@Insert("INSERT INTO reconciliation_reports (channel, window_from, window_to, ran_at, matched, repaired, flagged, "
			+ "findings) VALUES (#{channel}, #{from}, #{to}, #{ranAt}, #{matched}, #{repaired}, #{flagged}, "
			+ "#{findings})")
	void insert(@Param("channel") String channel, @Param("from") Instant from, @Param("to") Instant to,
			@Param("ranAt") Instant ranAt, @Param("matched") int matched, @Param("repaired") int repaired,
			@Param("flagged") int flagged, @Param("findings") String findings);

	/** The admin report: non-core, shed by the slow-SQL guard. */
	@NonCore
	@Select("SELECT r.channel, r.window_from, r.window_to, r.ran_at, r.matched, r.repaired, r.flagged, r.findings "
			+ "FROM reconciliation_reports r JOIN (SELECT channel, MAX(id) AS id FROM reconciliation_reports "
			+ "GROUP BY channel) latest ON latest.id = r.id ORDER BY r.channel")
	List<StoredReport> latestPerChannel();

	/**
	 * A report row.
	 *
	 * @param channel the channel
	 * @param windowFrom start of the window
	 * @param windowTo end of the window
	 * @param ranAt when it ran
	 * @param matched trades that agree
	 * @param repaired trades repaired
	 * @param flagged differences flagged
	 * @param findings the findings as JSON
	 */
	record StoredReport(String channel, Instant windowFrom, Instant windowTo, Instant ranAt, int matched, int repaired,
			int flagged, String findings) {

	}

}
