/**
 * Metric tags every meter carries, so dashboards can slice by application and instance.
 */
package io.flashsale.platform.observability;
