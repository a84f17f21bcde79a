package io.flashsale.inventory;

import io.flashsale.testsupport.ServiceWiringContract;

/**
 * inventory-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}.
 */
@InventoryIntegrationTest
class InventoryServiceIntegrationTests extends ServiceWiringContract {

}
