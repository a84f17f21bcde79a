package io.flashsale.platform.persistence;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Maps {@link Instant} to a zone-less {@code DATETIME(3)} holding UTC wall-clock time.
 *
 * <p>
 * MyBatis' default goes through {@link java.sql.Timestamp}, which the driver renders in
 * the JVM's default zone: the stored value would then depend on where the service runs
 * and shift by an hour around DST changes. Binding a UTC {@link LocalDateTime} leaves no
 * zone for the JVM, the driver or the server to apply, so an instant round-trips exactly
 * (to the column's millisecond precision).
 */
public final class UtcInstantTypeHandler extends BaseTypeHandler<Instant> {

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
			throws SQLException {
		ps.setObject(i, LocalDateTime.ofInstant(parameter, ZoneOffset.UTC));
	}

	@Override
	public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return toInstant(rs.getObject(columnName, LocalDateTime.class));
	}

	@Override
	public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return toInstant(rs.getObject(columnIndex, LocalDateTime.class));
	}

	@Override
	public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return toInstant(cs.getObject(columnIndex, LocalDateTime.class));
	}

	private static Instant toInstant(LocalDateTime utc) {
		return (utc != null) ? utc.toInstant(ZoneOffset.UTC) : null;
	}

}
