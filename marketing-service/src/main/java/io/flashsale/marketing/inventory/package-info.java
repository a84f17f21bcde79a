/** The client of inventory-service: allocating stock to a flash sale. */
package io.flashsale.marketing.inventory;
