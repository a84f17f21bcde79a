/**
 * Degrade plans from config-repo/plans.yml, applied now or on a schedule with an
 * automatic restore.
 */
package io.flashsale.configserver.plans;
