/**
 * Takes placed orders off their sale's database stock, once per order.
 */
package io.flashsale.inventory.orders;
