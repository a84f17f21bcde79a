/**
 * {@code ./flashsale demo}: one flash sale, a crowd of shoppers, and the invariants
 * checked afterwards.
 */
package io.flashsale.loadtest.demo;
