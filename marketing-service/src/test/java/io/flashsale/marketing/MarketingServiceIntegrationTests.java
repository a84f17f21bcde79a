package io.flashsale.marketing;

import io.flashsale.testsupport.ServiceWiringContract;

/**
 * marketing-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}.
 */
@MarketingIntegrationTest
class MarketingServiceIntegrationTests extends ServiceWiringContract {

}
