package io.flashsale.order;

import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.ServiceWiringContract;

/**
 * order-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}.
 */
@IntegrationTest
class OrderServiceIntegrationTests extends ServiceWiringContract {

}
