package io.flashsale.payment.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A shopper's request to pay an order. The amount, the payer and the status are never
 * taken from the request: any such field is ignored.
 *
 * @param orderId the order to pay
 * @param channel the channel to pay at; absent to let routing choose
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CreatePayment(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String orderId,
		@Pattern(regexp = "[a-z][a-z0-9-]{0,31}") String channel) {

}
