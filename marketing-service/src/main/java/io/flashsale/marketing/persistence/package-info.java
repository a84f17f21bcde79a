/** MyBatis settings shared by the service's mappers: instants stored as UTC. */
package io.flashsale.marketing.persistence;
