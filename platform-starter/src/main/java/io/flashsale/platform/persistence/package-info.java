/** MyBatis conventions every service shares: instants in UTC. */
package io.flashsale.platform.persistence;
