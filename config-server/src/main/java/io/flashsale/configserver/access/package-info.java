/**
 * Who may read what on the config server: services with their credentials, ops with an
 * admin token.
 */
package io.flashsale.configserver.access;
