package io.flashsale.marketing;

import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.ServiceWiringContract;

/**
 * marketing-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}.
 */
@IntegrationTest
class MarketingServiceIntegrationTests extends ServiceWiringContract {

}
