/**
 * Serves config-repo/ to every service: tunables, degrade switches and plans.
 */
package io.flashsale.configserver;
