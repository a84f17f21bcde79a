/**
 * {@code ./flashsale loadtest}: the Gatling suite (spike, browse, payment storm, or the
 * mix), judged against the SLO file and the sale's books.
 */
package io.flashsale.loadtest.gatling;
