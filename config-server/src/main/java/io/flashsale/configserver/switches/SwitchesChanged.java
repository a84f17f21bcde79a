package io.flashsale.configserver.switches;

/**
 * Published in this process after every new version, once it is stored.
 *
 * @param version the new version
 */
public record SwitchesChanged(long version) {

}
