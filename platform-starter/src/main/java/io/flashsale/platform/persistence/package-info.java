/** MyBatis conventions every service shares: instants in UTC, the slow-SQL guard. */
package io.flashsale.platform.persistence;
