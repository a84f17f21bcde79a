/**
 * The ./flashsale switch command: a client of the admin API for ops.
 */
package io.flashsale.configserver.cli;
