/** The live sale board of the ops console, read from Prometheus. */
package io.flashsale.configserver.board;
