package io.flashsale.platform.persistence;

import java.util.Map;

import io.flashsale.platform.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * The slow-SQL guard refused a statement before it ran: 503 {@code degraded}, nothing was
 * read or written by it.
 */
public class SqlRefused extends ApiProblem {

	private final String statement;

	private final SlowSqlGuard.Reason reason;

	SqlRefused(String statement, SlowSqlGuard.Reason reason, String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "degraded", "Degraded", detail);
		this.statement = statement;
		this.reason = reason;
	}

	public String statement() {
		return this.statement;
	}

	public SlowSqlGuard.Reason reason() {
		return this.reason;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("statement", this.statement, "retryAfterSeconds", 30);
	}

}
