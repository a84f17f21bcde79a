/** The order writer: turns reservations from Kafka into order rows, in batches. */
package io.flashsale.order.writer;
