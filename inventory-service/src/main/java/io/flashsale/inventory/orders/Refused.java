package io.flashsale.inventory.orders;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * An event the database refused (a constraint, not a passing failure): it was not
 * applied, and retrying would never end, so it goes to the dead-letter topic whole.
 *
 * @param event the event
 * @param cause what the database said
 * @param <T> the event type
 */
record Refused<T>(T event, DataIntegrityViolationException cause) {

}
