package io.flashsale.gateway;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * A request body read whole by a filter and handed on: a heap copy that needs no release
 * should nobody read it, forwarded with its {@code Content-Length}.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Copies a joined body to the heap and releases the buffer.
	 * @param joined the body, read whole
	 * @return its bytes
	 */
	public static byte[] copyAndRelease(DataBuffer joined) {
		try {
			byte[] bytes = new byte[joined.readableByteCount()];
			joined.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(joined);
		}
	}

	/**
	 * The request again, with the body already read.
	 * @param request the request whose body was read
	 * @param body the bytes read
	 * @return a request that serves the bytes as its body, with their length
	 */
	public static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
		ServerHttpRequest sized = request.mutate().headers((headers) -> {
			headers.remove(HttpHeaders.TRANSFER_ENCODING);
			headers.setContentLength(body.length);
		}).build();
		return new ServerHttpRequestDecorator(sized) {
			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
			}
		};
	}

}
