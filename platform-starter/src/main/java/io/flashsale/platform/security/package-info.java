/**
 * JWT resource server shared by every service, so going around the gateway grants
 * nothing.
 */
package io.flashsale.platform.security;
