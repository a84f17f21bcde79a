/**
 * Degrade switches: the catalog, ops' overrides with every version and the audit, and
 * their admin API.
 */
package io.flashsale.configserver.switches;
