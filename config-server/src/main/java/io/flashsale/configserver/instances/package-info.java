/** The running instances of every service, with the switch version each has loaded. */
package io.flashsale.configserver.instances;
