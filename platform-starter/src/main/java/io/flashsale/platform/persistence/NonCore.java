package io.flashsale.platform.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a MyBatis mapper method (or every method of a mapper) as non-core: a listing, an
 * admin report, a read nobody's purchase or payment waits on. While the slow-SQL guard is
 * on ({@code flashsale.switches.slow-sql-guard}) such statements are refused with 503
 * {@code degraded} instead of running.
 *
 * <p>
 * Statements that change state on the purchase and payment paths, and the sweeps and
 * reconciliations that protect the invariants, are never marked.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NonCore {

}
