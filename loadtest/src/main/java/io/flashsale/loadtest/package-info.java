/**
 * Drives the local stack through the gateway: shared client, sale setup, the open-model
 * engine and latency figures.
 */
package io.flashsale.loadtest;
