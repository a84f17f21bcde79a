package io.flashsale.loadtest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

import io.netty.buffer.ByteBuf;

/**
 * The benchmark's requests as HTTP/1.1 bytes, built once: at send time only the parts
 * that change (a shopper's token, the idempotency key's number) are copied in.
 */
public final class Requests {

	private Requests() {
	}

	/** {@code GET path}, the same bytes every time. */
	public static OpenModel.RequestWriter get(URI target, String path, String token) {
		byte[] bytes = ascii("GET " + path + " HTTP/1.1\r\nHost: " + authority(target) + "\r\nAuthorization: Bearer "
				+ token + "\r\n\r\n");
		return (index, out) -> out.writeBytes(bytes);
	}

	/**
	 * {@code POST /api/orders} buying one unit of {@code flashSaleId} (a JSON value: a
	 * number, or a quoted string), as the {@code index}-th token's shopper, with the
	 * idempotency key {@code keyPrefix-index}.
	 * @param tokens the bearer token of each request, ASCII
	 */
	public static OpenModel.RequestWriter purchase(URI target, String flashSaleId, IntFunction<byte[]> tokens,
			String keyPrefix) {
		byte[] body = ascii("{\"flashSaleId\":" + flashSaleId + ",\"quantity\":1}");
		byte[] head = ascii("POST /api/orders HTTP/1.1\r\nHost: " + authority(target)
				+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
				+ "\r\nAuthorization: Bearer ");
		byte[] key = ascii("\r\nIdempotency-Key: " + keyPrefix + "-");
		byte[] end = ascii("\r\n\r\n");
		return (index, out) -> {
			out.writeBytes(head);
			out.writeBytes(tokens.apply(index));
			out.writeBytes(key);
			writeDigits(index, out);
			out.writeBytes(end);
			out.writeBytes(body);
		};
	}

	public static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String authority(URI target) {
		return target.getHost() + ((target.getPort() > 0) ? ":" + target.getPort() : "");
	}

	private static void writeDigits(int value, ByteBuf out) {
		if (value >= 10) {
			writeDigits(value / 10, out);
		}
		out.writeByte('0' + value % 10);
	}

}
