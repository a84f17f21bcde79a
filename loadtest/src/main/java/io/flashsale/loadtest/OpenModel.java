package io.flashsale.loadtest;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.management.OperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * An open-model load generator: request {@code i} of a step is due at
 * {@code start + i / rate} whatever the answers do, and its latency runs from that
 * intended instant to the end of its answer. When every connection is busy a due request
 * waits in a queue, and that wait counts as latency (as in wrk2), so a slow server shows
 * up as latency rather than as fewer requests (no coordinated omission).
 *
 * <p>
 * The engine is cheap so that it is not what saturates: a fixed pool of keep-alive
 * HTTP/1.1 connections on one event-loop thread (more with {@code ioThreads}, each with
 * its own share of connections and of the schedule), pacing on that same loop's timer,
 * request bytes written straight into the connection's buffer, and answers read without
 * parsing JSON (only an error's problem {@code code} is picked out of its body). A
 * connection the server closes is opened again. Each step also reports the generator's
 * own CPU time per request.
 *
 * <p>
 * A caller that needs more than counts (the demo keeps its winners' order ids) passes an
 * {@link AnswerListener}, which is then handed every answer's body. The connections may
 * come from several local source addresses, so that a server limiting per client address
 * sees a crowd rather than one client.
 */
public final class OpenModel implements AutoCloseable {

	private static final byte[] CODE_FIELD = "\"code\":\"".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The first bytes of an answer's body kept: an error's, to find its problem code; any
	 * answer's for an {@link AnswerListener}.
	 */
	private static final int BODY_LIMIT = 4096;

	private final EventLoopGroup group;

	private final List<Lane> lanes = new ArrayList<>();

	private final Duration answerTimeout;

	private final long tickNanos;

	/**
	 * Opens the connections from the default local address; see
	 * {@link #OpenModel(URI, int, int, Duration, Duration, List)}.
	 */
	public OpenModel(URI target, int connections, int ioThreads, Duration answerTimeout, Duration tick) {
		this(target, connections, ioThreads, answerTimeout, tick, List.of());
	}

	/**
	 * Opens the connections and waits (up to 5 s) for them.
	 * @param target scheme, host and port of the server (http only)
	 * @param connections keep-alive connections in all
	 * @param ioThreads event-loop threads; the connections are shared out among them
	 * @param answerTimeout how long after a step's last due instant its answers are
	 * awaited; what is still missing then counts as no answer
	 * @param tick the shortest sleep of the pacing timer: 0 releases each request at its
	 * instant; a longer tick releases the requests due in batches, at most that late (the
	 * delay counts as latency) for fewer timer wake-ups
	 * @param sources the local addresses the connections are opened from, in turn; empty
	 * for the system's choice
	 */
	public OpenModel(URI target, int connections, int ioThreads, Duration answerTimeout, Duration tick,
			List<InetAddress> sources) {
		if (!"http".equals(target.getScheme())) {
			throw new IllegalArgumentException("Only http:// targets, not " + target);
		}
		boolean epoll = Epoll.isAvailable();
		this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("bench-io", true),
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		this.answerTimeout = answerTimeout;
		this.tickNanos = tick.toNanos();
		String host = target.getHost();
		int port = (target.getPort() > 0) ? target.getPort() : 80;
		for (int k = 0; k < ioThreads; k++) {
			int share = connections / ioThreads + ((k < connections % ioThreads) ? 1 : 0);
			List<InetAddress> laneSources = new ArrayList<>();
			for (int a = k; a < sources.size(); a += ioThreads) {
				laneSources.add(sources.get(a));
			}
			this.lanes.add(new Lane(this.group.next(), Math.max(1, share), host, port, epoll,
					laneSources.isEmpty() ? sources : laneSources));
		}
		CountDownLatch connected = new CountDownLatch(this.lanes.size());
		this.lanes.forEach((lane) -> lane.loop.execute(() -> lane.openAll(connected)));
		await(connected, Duration.ofSeconds(5));
	}

	/**
	 * Offers {@code rate} requests per second for {@code duration}; returns when each has
	 * been answered or given up on.
	 * @param request writes the i-th request (0-based) of the step
	 * @param success which answers are the intended outcome
	 */
	public Step run(int rate, Duration duration, RequestWriter request, Predicate<Outcome> success) {
		return run(rate, (int) (rate * duration.toMillis() / 1000), request, success, null);
	}

	/**
	 * Offers {@code total} requests at {@code rate} per second, request {@code i} due at
	 * {@code start + i / rate}; returns when each has been answered or given up on.
	 * @param request writes the i-th request (0-based) of the step
	 * @param success which answers are the intended outcome
	 * @param listener sees each answer with its body, or null when counts are enough
	 * (bodies are then not kept, but for an error's problem code)
	 */
	public Step run(int rate, int total, RequestWriter request, Predicate<Outcome> success,
			@Nullable AnswerListener listener) {
		Duration duration = Duration.ofNanos((long) (total * 1e9 / rate));
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		CountDownLatch done = new CountDownLatch(this.lanes.size());
		long cpuBefore = os.getProcessCpuTime();
		long wallBefore = System.nanoTime();
		long start = wallBefore + 20_000_000L;
		List<LaneStep> steps = new ArrayList<>();
		for (int k = 0; k < this.lanes.size(); k++) {
			LaneStep step = new LaneStep(this.lanes.get(k), k, this.lanes.size(), rate, start, total, request, success,
					listener, this.answerTimeout.toNanos(), this.tickNanos, done);
			steps.add(step);
			step.lane.loop.execute(step::begin);
		}
		await(done, duration.plus(this.answerTimeout).plusSeconds(30));
		long wall = System.nanoTime() - wallBefore;
		long cpu = os.getProcessCpuTime() - cpuBefore;
		Latencies latencies = new Latencies();
		Map<Outcome, Long> answers = new TreeMap<>();
		long sent = 0;
		long succeeded = 0;
		long fiveHundreds = 0;
		long lastAnswer = start;
		for (LaneStep step : steps) {
			latencies.addAll(step.latencies);
			step.answers.forEach((outcome, count) -> answers.merge(outcome, count[0], Long::sum));
			sent += step.dispatched;
			succeeded += step.succeeded;
			fiveHundreds += step.fiveHundreds;
			lastAnswer = Math.max(lastAnswer, step.lastAnswer);
		}
		double seconds = Math.max(duration.toNanos(), lastAnswer - start) / 1e9;
		double[] millis = latencies.percentilesMillis(50, 99, 99.9, 100);
		return new Step(rate, total, sent, succeeded, fiveHundreds, succeeded / seconds, seconds, millis[0], millis[1],
				millis[2], millis[3], answers, (sent == 0) ? 0 : cpu / 1e3 / sent, (double) cpu / wall);
	}

	@Override
	public void close() {
		this.lanes.forEach((lane) -> lane.closing = true);
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private static void await(CountDownLatch latch, Duration timeout) {
		try {
			latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Writes the bytes of the i-th request of a step, a whole HTTP/1.1 request. */
	@FunctionalInterface
	public interface RequestWriter {

		void write(int index, ByteBuf out);

	}

	/**
	 * Sees each answer of a step as it is read, on the event loop that read it, so it
	 * must be quick and thread-safe when there are several loops. Requests that got no
	 * answer are counted in the step, not seen here.
	 */
	@FunctionalInterface
	public interface AnswerListener {

		/**
		 * @param index the request's index in the step
		 * @param outcome its status and problem code
		 * @param body its body, its first 4 KB at most
		 */
		void answered(int index, Outcome outcome, String body);

	}

	/**
	 * What an answer was: its status, and for an error the problem's {@code code} (empty
	 * when it has none). Status -1 is no answer: {@code code} then says why.
	 */
	public record Outcome(int status, String code) implements Comparable<Outcome> {

		public static final Outcome CLOSED = new Outcome(-1, "connection-closed");

		public static final Outcome NO_ANSWER = new Outcome(-1, "no-answer");

		public static final Outcome NOT_SENT = new Outcome(-1, "not-sent");

		@Override
		public int compareTo(Outcome other) {
			int byStatus = Integer.compare(this.status, other.status);
			return (byStatus != 0) ? byStatus : this.code.compareTo(other.code);
		}

		@Override
		public String toString() {
			return this.code.isEmpty() ? Integer.toString(this.status) : this.status + " " + this.code;
		}

	}

	/**
	 * One step's figures.
	 *
	 * @param offered requests per second offered
	 * @param scheduled requests due in the step (rate x seconds)
	 * @param sent requests written to a connection
	 * @param succeeded answers with the intended outcome
	 * @param serverErrors 5xx answers
	 * @param achieved intended outcomes per second, over the step or until its last
	 * answer if later
	 * @param seconds that time: the step's length, or until its last answer if later
	 * @param p50 latency from intended send, ms, as are the other percentiles
	 * @param answers answers by status and problem code
	 * @param cpuMicrosPerRequest this process's CPU time over the step per request sent
	 * @param cores this process's CPU time over the step's wall time
	 */
	public record Step(int offered, long scheduled, long sent, long succeeded, long serverErrors, double achieved,
			double seconds, double p50, double p99, double p999, double max, Map<Outcome, Long> answers,
			double cpuMicrosPerRequest, double cores) {

		/** Intended outcomes as a share of the requests due. */
		public double successRatio() {
			return (this.scheduled == 0) ? 0 : (double) this.succeeded / this.scheduled;
		}

		/**
		 * The test of a sustainable rate: at least 99 % intended outcomes, p99
		 * within the budget from the intended send time, and no 5xx.
		 */
		public boolean keptUp(double p99BudgetMs) {
			return successRatio() >= 0.99 && this.p99 <= p99BudgetMs && this.serverErrors == 0;
		}

	}

	/** One event loop with its own connections. Touched only from that loop. */
	private static final class Lane {

		final EventLoop loop;

		final Bootstrap bootstrap;

		final int size;

		final List<InetAddress> sources;

		int nextSource;

		final List<Connection> connections = new ArrayList<>();

		final ArrayDeque<Connection> idle = new ArrayDeque<>();

		int open;

		volatile boolean closing;

		LaneStep step;

		Lane(EventLoop loop, int size, String host, int port, boolean epoll, List<InetAddress> sources) {
			this.loop = loop;
			this.size = size;
			this.sources = sources;
			this.bootstrap = new Bootstrap().group(loop)
				.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
				.option(ChannelOption.TCP_NODELAY, true)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
				.remoteAddress(host, port)
				.handler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel channel) {
						channel.pipeline().addLast(new HttpResponseDecoder(), new Connection(Lane.this));
					}
				});
		}

		void openAll(CountDownLatch connected) {
			int[] pending = { this.size };
			for (int c = 0; c < this.size; c++) {
				connect().addListener((future) -> {
					if (--pending[0] == 0) {
						connected.countDown();
					}
				});
			}
		}

		ChannelFuture connect() {
			this.open++;
			ChannelFuture connecting = this.sources.isEmpty() ? this.bootstrap.connect()
					: this.bootstrap.connect(this.bootstrap.config().remoteAddress(),
							new InetSocketAddress(this.sources.get(this.nextSource++ % this.sources.size()), 0));
			return connecting.addListener((ChannelFuture future) -> {
				if (!future.isSuccess()) {
					this.open--;
					reconnect(100);
				}
			});
		}

		/** Keeps the pool at its size: a refused or closed connection is opened again. */
		void reconnect(long delayMillis) {
			if (!this.closing && this.open < this.size) {
				this.loop.schedule(() -> {
					if (!this.closing && this.open < this.size) {
						connect();
					}
				}, delayMillis, TimeUnit.MILLISECONDS);
			}
		}

		void idle(Connection connection) {
			this.idle.addLast(connection);
			if (this.step != null) {
				this.step.dispatch();
			}
		}

	}

	/** A lane's part of one step: the requests {@code k, k + n, k + 2n, ...}. */
	private static final class LaneStep {

		final Lane lane;

		final int lanes;

		final int first;

		final double nanosPerRequest;

		final long start;

		final int total;

		final RequestWriter request;

		final Predicate<Outcome> success;

		final @Nullable AnswerListener listener;

		final long answerTimeout;

		final long tick;

		final CountDownLatch done;

		final Latencies latencies = new Latencies();

		final Map<Outcome, long[]> answers = new HashMap<>();

		/** Requests due so far, sent so far, and answered or given up. */
		int released;

		int dispatched;

		int finished;

		long succeeded;

		long fiveHundreds;

		long lastAnswer;

		boolean over;

		LaneStep(Lane lane, int first, int lanes, int rate, long start, int total, RequestWriter request,
				Predicate<Outcome> success, @Nullable AnswerListener listener, long answerTimeout, long tick,
				CountDownLatch done) {
			this.lane = lane;
			this.first = first;
			this.lanes = lanes;
			this.nanosPerRequest = 1e9 / rate;
			this.start = start;
			this.total = (total > first) ? (total - first + lanes - 1) / lanes : 0;
			this.request = request;
			this.success = success;
			this.listener = listener;
			this.answerTimeout = answerTimeout;
			this.tick = tick;
			this.done = done;
		}

		int index(int j) {
			return this.first + j * this.lanes;
		}

		long intended(int j) {
			return this.start + (long) (index(j) * this.nanosPerRequest);
		}

		void begin() {
			this.lane.step = this;
			if (this.total == 0) {
				end();
				return;
			}
			long last = intended(this.total - 1);
			this.lane.loop.schedule(this::giveUp, last + this.answerTimeout - System.nanoTime(), TimeUnit.NANOSECONDS);
			tick();
		}

		/** Releases the requests now due and sleeps until the next one is. */
		void tick() {
			if (this.over) {
				return;
			}
			long now = System.nanoTime();
			while (this.released < this.total && intended(this.released) <= now) {
				this.released++;
			}
			dispatch();
			if (this.released < this.total) {
				this.lane.loop.schedule(this::tick, Math.max(this.tick, intended(this.released) - now),
						TimeUnit.NANOSECONDS);
			}
		}

		void dispatch() {
			while (this.dispatched < this.released && !this.lane.idle.isEmpty()) {
				Connection connection = this.lane.idle.pollFirst();
				if (connection.channel.isActive()) {
					connection.send(this.dispatched, index(this.dispatched));
					this.dispatched++;
				}
			}
		}

		void answered(int j, Outcome outcome) {
			long now = System.nanoTime();
			this.latencies.add(now - intended(j));
			this.lastAnswer = now;
			if (outcome.status() >= 500) {
				this.fiveHundreds++;
			}
			if (this.success.test(outcome)) {
				this.succeeded++;
			}
			count(outcome, 1);
			if (++this.finished == this.total) {
				end();
			}
		}

		void count(Outcome outcome, long n) {
			this.answers.computeIfAbsent(outcome, (key) -> new long[1])[0] += n;
		}

		/**
		 * The answer timeout has passed: requests still unanswered are counted as such,
		 * with the time waited so far as their latency (a lower bound), and their
		 * connections are closed so that late answers cannot reach the next step.
		 */
		void giveUp() {
			if (this.over) {
				return;
			}
			long now = System.nanoTime();
			for (Connection connection : List.copyOf(this.lane.connections)) {
				if (connection.inFlight < 0) {
					continue;
				}
				this.latencies.add(now - intended(connection.inFlight));
				count(Outcome.NO_ANSWER, 1);
				connection.inFlight = -1;
				connection.channel.close();
			}
			for (int j = this.dispatched; j < this.total; j++) {
				this.latencies.add(now - intended(j));
			}
			if (this.total > this.dispatched) {
				count(Outcome.NOT_SENT, this.total - this.dispatched);
			}
			end();
		}

		void end() {
			if (!this.over) {
				this.over = true;
				this.lane.step = null;
				this.done.countDown();
			}
		}

	}

	/** One keep-alive connection: at most one request in flight. */
	private static final class Connection extends ChannelInboundHandlerAdapter {

		final Lane lane;

		Channel channel;

		/** The lane-step position of the request in flight, or -1. */
		int inFlight = -1;

		private int status;

		private boolean keepAlive;

		private byte[] body;

		private int bodyLength;

		/** Whether the answer being read keeps its body. */
		private boolean keepBody;

		Connection(Lane lane) {
			this.lane = lane;
		}

		void send(int j, int index) {
			this.inFlight = j;
			ByteBuf out = this.channel.alloc().ioBuffer(512);
			this.lane.step.request.write(index, out);
			this.channel.writeAndFlush(out, this.channel.voidPromise());
		}

		@Override
		public void channelActive(ChannelHandlerContext context) {
			this.channel = context.channel();
			this.lane.connections.add(this);
			this.lane.idle(this);
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			try {
				if (message instanceof HttpResponse response) {
					this.status = response.decoderResult().isSuccess() ? response.status().code() : -1;
					this.keepAlive = HttpUtil.isKeepAlive(response);
					this.bodyLength = 0;
					LaneStep step = this.lane.step;
					this.keepBody = this.status >= 400 || (step != null && step.listener != null);
					if (this.status < 0) {
						context.close();
						return;
					}
				}
				if (message instanceof HttpContent content) {
					if (this.keepBody) {
						keepBody(content.content());
					}
					if (message instanceof LastHttpContent) {
						complete(context);
					}
				}
			}
			finally {
				ReferenceCountUtil.release(message);
			}
		}

		private void keepBody(ByteBuf content) {
			if (this.body == null) {
				this.body = new byte[BODY_LIMIT];
			}
			int length = Math.min(content.readableBytes(), BODY_LIMIT - this.bodyLength);
			content.getBytes(content.readerIndex(), this.body, this.bodyLength, length);
			this.bodyLength += length;
		}

		private void complete(ChannelHandlerContext context) {
			int j = this.inFlight;
			this.inFlight = -1;
			LaneStep step = this.lane.step;
			if (j >= 0 && step != null) {
				Outcome outcome = new Outcome(this.status, (this.status >= 400) ? problemCode() : "");
				step.answered(j, outcome);
				if (step.listener != null) {
					step.listener.answered(step.index(j), outcome, (this.body != null)
							? new String(this.body, 0, this.bodyLength, StandardCharsets.UTF_8) : "");
				}
			}
			if (this.keepAlive) {
				this.lane.idle(this);
			}
			else {
				context.close();
			}
		}

		/**
		 * The value of the first {@code "code":"} in the error body, without parsing it.
		 */
		private String problemCode() {
			int end = this.bodyLength - CODE_FIELD.length;
			search: for (int at = 0; at <= end; at++) {
				for (int b = 0; b < CODE_FIELD.length; b++) {
					if (this.body[at + b] != CODE_FIELD[b]) {
						continue search;
					}
				}
				int from = at + CODE_FIELD.length;
				for (int to = from; to < this.bodyLength; to++) {
					if (this.body[to] == '"') {
						return new String(this.body, from, to - from, StandardCharsets.US_ASCII);
					}
				}
				return "";
			}
			return "";
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			this.lane.connections.remove(this);
			this.lane.idle.remove(this);
			this.lane.open--;
			int j = this.inFlight;
			this.inFlight = -1;
			LaneStep step = this.lane.step;
			if (j >= 0 && step != null) {
				step.answered(j, Outcome.CLOSED);
			}
			this.lane.reconnect(0);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			context.close();
		}

	}

}
