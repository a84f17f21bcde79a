/**
 * End-to-end tests: every service running together, driven through the gateway.
 */
package io.flashsale.e2e;
