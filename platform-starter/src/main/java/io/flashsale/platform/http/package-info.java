/** How services call each other over HTTP: no hidden retries. */
package io.flashsale.platform.http;
