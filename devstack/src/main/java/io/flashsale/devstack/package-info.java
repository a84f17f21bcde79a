/** Docker-free local stack of real Redis, MariaDB and Kafka servers. */
package io.flashsale.devstack;
