/**
 * Cross-cutting auto-configuration every flash-sale service shares.
 */
package io.flashsale.platform;
