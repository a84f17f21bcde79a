/**
 * How services call each other over HTTP: no hidden retries, one way to build the client
 * of another service's interface ({@code ServiceClients}), and the caller's token
 * relayed.
 */
package io.flashsale.platform.http;
