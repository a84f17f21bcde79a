/**
 * Serves ops' overrides ahead of config-repo/ for both backends.
 */
package io.flashsale.configserver.serving;
