/**
 * SKUs and their stock of record: created by admins, read by anyone signed in.
 */
package io.flashsale.inventory.sku;
