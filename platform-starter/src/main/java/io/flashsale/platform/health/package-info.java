/**
 * Health contributors the readiness group needs and Boot does not ship.
 */
package io.flashsale.platform.health;
