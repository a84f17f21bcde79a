/**
 * {@code ./flashsale switch}: ops' client of the config server's admin API (switches,
 * plans, versions, rollback, audit).
 */
package io.flashsale.opscli.switches;
