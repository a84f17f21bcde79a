/**
 * Real servers for integration tests: Testcontainers with Docker, the dev stack without.
 */
package io.flashsale.testsupport;
