package io.flashsale.payment.callback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import io.flashsale.payment.channel.PaymentChannel;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where channels report payments. No token: the channel authenticates itself by signing
 * the raw body, so the body is taken as bytes, exactly as signed. CORE: a shed callback
 * would leave paid orders unpaid.
 */
@RestController
@Graded(Grade.CORE)
class CallbackController {

	private final CallbackHandler handler;

	CallbackController(CallbackHandler handler) {
		this.handler = handler;
	}

	@Operation(summary = "A channel's asynchronous payment notification",
			description = "Signed by the channel (X-Sandbox-Signature: hex HMAC-SHA256 of the raw body). "
					+ "Answered with the channel's own acknowledgement on success.")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "Applied (or already applied): the channel's ack body.")
	@ApiResponse(responseCode = "4XX",
			description = "callback-rejected (reason: signature, malformed, stale, replayed, unknown-trade, "
					+ "order-mismatch, amount-mismatch, unknown-channel); nothing changed",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(path = "/api/payments/callbacks/{channel}", consumes = MediaType.ALL_VALUE)
	ResponseEntity<String> callback(@PathVariable String channel, @RequestHeader HttpHeaders headers,
			@RequestBody byte[] body) {
		PaymentChannel.CallbackAck ack = this.handler.handle(channel, headers, body);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(ack.contentType())).body(ack.body());
	}

}
