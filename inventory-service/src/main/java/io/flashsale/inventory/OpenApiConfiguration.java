package io.flashsale.inventory;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published API description, committed as {@code docs/api/inventory-service.json}.
 * Controllers name their own outcomes; every error response is given the problem body
 * here, with the ones the platform adds everywhere (400, 401, and 403 on admin paths).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String PROBLEM = "Problem";

	@Bean
	OpenAPI inventoryApi() {
		return new OpenAPI()
			.info(new Info().title("inventory-service")
				.version("v1")
				.description("SKU stock of record, allocations of stock to flash sales, and warm-up of "
						+ "their Redis stock counters. /api/admin/** needs the ADMIN role."))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addSchemas(PROBLEM, problemSchema()))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	@Bean
	OpenApiCustomizer problemResponsesInApiDocs() {
		return (api) -> api.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
			ApiResponses responses = operation.getResponses();
			responses.putIfAbsent("400",
					new ApiResponse().description("invalid-request: a value is missing or out of range"));
			responses.putIfAbsent("401", new ApiResponse().description("unauthenticated: no valid bearer token"));
			if (path.startsWith("/api/admin/")) {
				responses.putIfAbsent("403",
						new ApiResponse().description("forbidden: the token lacks the ADMIN role"));
			}
			responses.forEach((code, response) -> {
				if (code.startsWith("4")) {
					response.setContent(new Content().addMediaType("application/problem+json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
				}
			});
		}));
	}

	/** RFC 9457 with the platform's {@code code} member. */
	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem detail")
			.properties(Map.of("type", new StringSchema().format("uri"), "title", new StringSchema(), "status",
					new IntegerSchema(), "detail", new StringSchema(), "instance", new StringSchema().format("uri"),
					"code", new StringSchema().description("stable machine code, the last segment of type")));
	}

}
