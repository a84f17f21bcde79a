package io.flashsale.configserver.switches;

/**
 * One key to change in one scope.
 *
 * @param scope {@link SwitchStore#GLOBAL} or an application
 * @param key the switch
 * @param value the checked new value, or {@code null} to remove the override (the default
 * applies again)
 */
public record KeyChange(String scope, String key, Object value) {

}
