package io.flashsale.configserver.switches;

import java.util.List;

/**
 * The result of one change: the new version and its audit lines, which carry each key's
 * value before the change.
 *
 * @param version the new version
 * @param entries the audit lines written
 */
public record Committed(SwitchVersion version, List<AuditEntry> entries) {

}
