package io.flashsale.payment;

import io.flashsale.testsupport.ServiceWiringContract;

/**
 * payment-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}.
 */
@PaymentIntegrationTest
class PaymentServiceIntegrationTests extends ServiceWiringContract {

}
