/**
 * Drives the local stack through the gateway: shared client, sale setup and latency
 * figures.
 */
package io.flashsale.loadtest;
