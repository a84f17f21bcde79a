package io.flashsale.payment;

import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.ServiceWiringContract;

/**
 * payment-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}.
 */
@IntegrationTest
class PaymentServiceIntegrationTests extends ServiceWiringContract {

}
