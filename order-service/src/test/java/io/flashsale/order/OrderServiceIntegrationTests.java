package io.flashsale.order;

import org.junit.jupiter.api.Test;

import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.OpenApiSpecs;
import io.flashsale.testsupport.ServiceWiringContract;

/**
 * order-service on real Redis, MariaDB and Kafka: see {@link ServiceWiringContract}; and
 * its served OpenAPI spec equals the committed docs/api/order-service.json.
 */
@IntegrationTest
class OrderServiceIntegrationTests extends ServiceWiringContract {

	@Test
	void servesTheCommittedOpenApiSpec() throws Exception {
		OpenApiSpecs.assertMatchesCommitted("order-service",
				http().get().uri("/v3/api-docs").retrieve().body(String.class));
	}

}
