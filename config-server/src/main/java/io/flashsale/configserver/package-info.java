/**
 * Serves config-repo/ to every service, with ops' degrade switches and plans on top.
 */
package io.flashsale.configserver;
