package io.flashsale.devstack;

/**
 * A snapshot of one server of a {@link DevStack}.
 *
 * @param name {@code redis}, {@code mariadb} or {@code kafka}
 * @param alive whether its process is running
 * @param pid the id of its current (or last) process, or -1 before it was first launched
 * @param endpoint {@code host:port} where it listens
 */
public record ComponentState(String name, boolean alive, long pid, String endpoint) {

}
