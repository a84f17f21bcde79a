package io.flashsale.platform.persistence;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

import io.flashsale.platform.degrade.Switch;

/**
 * The slow-SQL guard: a MyBatis interceptor on every statement of every service.
 *
 * <p>
 * It measures each mapped statement (an exponentially weighted moving average of its
 * duration, the first run counting in full). While
 * {@code flashsale.switches.slow-sql-guard} is on it refuses, before they run, with
 * {@link SqlRefused} (503 {@code degraded}) and a count in
 * {@code flashsale.sql.refused{statement,reason}}:
 * <ul>
 * <li>statements whose mapper method (or mapper) is {@link NonCore @NonCore}
 * ({@code reason=non-core});</li>
 * <li>reads whose average is over {@code flashsale.switches.slow-sql-budget-ms}
 * ({@code reason=over-budget}).</li>
 * </ul>
 * Writes, and reads inside a read-write transaction, are never refused for their time:
 * they are the state changes the invariants rest on (the order writer's batch and its
 * existence check, payment transitions, stock updates, locks taken before a change), and
 * refusing them would turn a slow core into a failing one. A statement refused for its
 * time is measured again once the guard is off.
 *
 * <p>
 * Both switches are read from the {@link Environment} on every statement, so a value the
 * config server pushes applies to the next statement. An unreadable value counts as its
 * default (off, 200 ms).
 */
@Intercepts({ @Signature(type = Executor.class, method = "update", args = { MappedStatement.class, Object.class }),
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
						BoundSql.class }),
		@Signature(type = Executor.class, method = "queryCursor",
				args = { MappedStatement.class, Object.class, RowBounds.class }) })
public class SlowSqlGuard implements Interceptor {

	/** The switch: whether the guard refuses statements. */
	public static final String SWITCH = Switch.SLOW_SQL_GUARD.key();

	/** The time budget of a read, in milliseconds. */
	public static final String BUDGET = Switch.SLOW_SQL_BUDGET_MS.key();

	static final long DEFAULT_BUDGET_MS = (Long) Switch.SLOW_SQL_BUDGET_MS.defaultValue();

	/** Weight of the newest run in a statement's average. */
	private static final double ALPHA = 0.3;

	private static final Logger log = LoggerFactory.getLogger(SlowSqlGuard.class);

	private final Environment environment;

	private final Supplier<MeterRegistry> meters;

	private final Map<String, Boolean> nonCore = new ConcurrentHashMap<>();

	private final Map<String, Average> averages = new ConcurrentHashMap<>();

	/**
	 * @param environment where the switches are read, on every statement
	 * @param meters where refusals are counted, looked up at the first refusal
	 */
	public SlowSqlGuard(Environment environment, Supplier<MeterRegistry> meters) {
		this.environment = environment;
		this.meters = meters;
	}

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
		String id = statement.getId();
		if (guardOn()) {
			refuseIfShed(statement, id);
		}
		long started = System.nanoTime();
		try {
			return invocation.proceed();
		}
		finally {
			this.averages.computeIfAbsent(id, (key) -> new Average()).add((System.nanoTime() - started) / 1_000_000.0);
		}
	}

	/**
	 * A statement's average duration so far.
	 * @param statementId the mapped statement id ({@code package.Mapper.method})
	 * @return milliseconds, or -1 before its first run
	 */
	public double averageMillis(String statementId) {
		Average average = this.averages.get(statementId);
		return (average != null) ? average.millis() : -1;
	}

	private void refuseIfShed(MappedStatement statement, String id) {
		if (this.nonCore.computeIfAbsent(id, SlowSqlGuard::markedNonCore)) {
			throw refuse(id, Reason.NON_CORE,
					"The slow-SQL guard is on and " + shortName(id) + " is a non-core statement; try again later.");
		}
		if (statement.getSqlCommandType() != SqlCommandType.SELECT || inReadWriteTransaction()) {
			return;
		}
		Average average = this.averages.get(id);
		long budget = budgetMillis();
		if (average != null && average.millis() > budget) {
			throw refuse(id, Reason.OVER_BUDGET, "The slow-SQL guard is on and " + shortName(id) + " takes "
					+ Math.round(average.millis()) + " ms, over its " + budget + " ms budget; try again later.");
		}
	}

	private SqlRefused refuse(String id, Reason reason, String detail) {
		String name = shortName(id);
		Counter.builder("flashsale.sql.refused")
			.description("Statements the slow-SQL guard refused")
			.tag("statement", name)
			.tag("reason", reason.tag())
			.register(this.meters.get())
			.increment();
		return new SqlRefused(name, reason, detail);
	}

	private static boolean inReadWriteTransaction() {
		return TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
	}

	private boolean guardOn() {
		try {
			return this.environment.getProperty(SWITCH, Boolean.class, false);
		}
		catch (RuntimeException unreadable) {
			log.warn("{} is not a boolean; the slow-SQL guard stays off", SWITCH);
			return false;
		}
	}

	private long budgetMillis() {
		try {
			Long budget = this.environment.getProperty(BUDGET, Long.class, DEFAULT_BUDGET_MS);
			return (budget != null && budget > 0) ? budget : DEFAULT_BUDGET_MS;
		}
		catch (RuntimeException unreadable) {
			log.warn("{} is not a number of milliseconds; using {}", BUDGET, DEFAULT_BUDGET_MS);
			return DEFAULT_BUDGET_MS;
		}
	}

	/**
	 * Whether the mapper method behind a statement id is {@link NonCore}. Ids are
	 * {@code namespace.method}, with a suffix such as {@code !selectKey} for generated
	 * statements; a namespace that is no class (an XML-only mapper) is core.
	 */
	static boolean markedNonCore(String id) {
		String base = (id.indexOf('!') >= 0) ? id.substring(0, id.indexOf('!')) : id;
		int dot = base.lastIndexOf('.');
		if (dot < 0) {
			return false;
		}
		String methodName = base.substring(dot + 1);
		try {
			Class<?> mapper = ClassUtils.forName(base.substring(0, dot), ClassUtils.getDefaultClassLoader());
			if (mapper.isAnnotationPresent(NonCore.class)) {
				return true;
			}
			return Arrays.stream(mapper.getMethods())
				.filter((method) -> method.getName().equals(methodName))
				.anyMatch((Method method) -> method.isAnnotationPresent(NonCore.class));
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * {@code Orders.findByUser} for {@code io.flashsale.order.orders.Orders.findByUser}.
	 */
	static String shortName(String id) {
		int method = id.lastIndexOf('.');
		int type = (method > 0) ? id.lastIndexOf('.', method - 1) : -1;
		return id.substring(type + 1);
	}

	/** Why a statement was refused. */
	public enum Reason {

		NON_CORE, OVER_BUDGET;

		public String tag() {
			return (this == NON_CORE) ? "non-core" : "over-budget";
		}

	}

	/** An exponentially weighted moving average, updated lock-free. */
	private static final class Average {

		private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(-1));

		void add(double millis) {
			this.bits.getAndUpdate((current) -> {
				double average = Double.longBitsToDouble(current);
				double next = (average < 0) ? millis : ALPHA * millis + (1 - ALPHA) * average;
				return Double.doubleToRawLongBits(next);
			});
		}

		double millis() {
			return Double.longBitsToDouble(this.bits.get());
		}

	}

}
