/**
 * Docker-free local stack of real Redis, MariaDB and Kafka servers, and the supervisor
 * and CLI that run it with the apps for {@code ./flashsale}.
 */
package io.flashsale.devstack;
