/** A tiny service that imports its configuration from the config server under test. */
package io.flashsale.switchclient;
