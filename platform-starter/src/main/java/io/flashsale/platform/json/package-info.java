/**
 * Strict JSON for the public API: numbers, strings and booleans are never coerced into
 * each other.
 */
package io.flashsale.platform.json;
