package dev.sparring.tests.fleet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test support, run as a child process inside the link namespace of {@link FleetFaultTest}: a user-space UDP relay
 * that stands in for {@code tc netem} (missing from this kernel). Each rule {@code LISTEN=TARGET} forwards what
 * arrives at {@code LISTEN} to {@code TARGET} from a socket of its own, and what comes back to that socket to the
 * last sender seen at {@code LISTEN}: so both directions of an Aeron channel (data one way, status messages and NAKs
 * back) go through it. Every datagram, either way, is dropped with probability {@code LOSS}, else delayed by
 * {@code DELAY_MS}, and with probability {@code REORDER} delayed by twice that (so later datagrams overtake it). The
 * random draws come from {@code SEED}. On SIGTERM it prints {@code relay: forwarded N, dropped N, send failures N}.
 *
 * <p>Arguments: {@code SEED LOSS DELAY_MS REORDER LISTEN_HOST:PORT=TARGET_HOST:PORT...}.
 */
public final class UdpRelay {
    private static final int MAX_DATAGRAM_BYTES = 65_536;

    private final Random random;
    private final double loss;
    private final long delayNs;
    private final double reorder;
    private final List<Rule> rules = new ArrayList<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private long sequence;

    private UdpRelay(final long seed, final double loss, final long delayNs, final double reorder) {
        this.random = new Random(seed);
        this.loss = loss;
        this.delayNs = delayNs;
        this.reorder = reorder;
    }

    /**
     * @param args {@code SEED LOSS DELAY_MS REORDER LISTEN_HOST:PORT=TARGET_HOST:PORT...}.
     * @throws IOException when a socket cannot be bound.
     */
    public static void main(final String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: UdpRelay SEED LOSS DELAY_MS REORDER LISTEN_HOST:PORT=TARGET_HOST:PORT...");
            System.exit(2);
        }
        final UdpRelay relay = new UdpRelay(Long.parseLong(args[0]), Double.parseDouble(args[1]),
            TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2])), Double.parseDouble(args[3]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
            "relay: forwarded %d, dropped %d, send failures %d%n", relay.forwarded.get(), relay.dropped.get(),
            relay.sendFailures.get())));
        try (Selector selector = Selector.open()) {
            for (int i = 4; i < args.length; i++) {
                final String[] rule = args[i].split("=");
                relay.rules.add(new Rule(selector, address(rule[0]), address(rule[1])));
            }
            System.out.println("relay: ready");
            relay.run(selector);
        }
    }

    private static InetSocketAddress address(final String hostPort) {
        final int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void run(final Selector selector) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM_BYTES);
        while (true) {
            final Pending next = pending.peek();
            final long waitMs = next == null ? 100 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                next.dueNs - System.nanoTime()));
            selector.select(waitMs);
            for (final SelectionKey key : selector.selectedKeys()) {
                receiveAll((DatagramChannel) key.channel(), (Rule) key.attachment(), buffer);
            }
            selector.selectedKeys().clear();
            sendDue();
        }
    }

    private void receiveAll(final DatagramChannel channel, final Rule rule, final ByteBuffer buffer)
        throws IOException {
        SocketAddress from;
        while ((from = receive(channel, buffer)) != null) {
            final boolean forward = channel == rule.front;
            if (forward) {
                rule.client = from;
            }
            if (!forward && rule.client == null || random.nextDouble() < loss) {
                dropped.incrementAndGet();
                continue;
            }
            final long extraNs = random.nextDouble() < reorder ? delayNs : 0;
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            pending.add(new Pending(System.nanoTime() + delayNs + extraNs, sequence++,
                forward ? rule.back : rule.front, forward ? rule.target : rule.client, bytes));
        }
    }

    private static SocketAddress receive(final DatagramChannel channel, final ByteBuffer buffer) throws IOException {
        buffer.clear();
        final SocketAddress from = channel.receive(buffer);
        buffer.flip();
        return from;
    }

    private void sendDue() {
        final long nowNs = System.nanoTime();
        Pending due;
        while ((due = pending.peek()) != null && due.dueNs - nowNs <= 0) {
            pending.poll();
            try {
                due.channel.send(ByteBuffer.wrap(due.bytes), due.to);
                forwarded.incrementAndGet();
            } catch (final IOException e) {
                sendFailures.incrementAndGet(); // the link is down: the datagram is lost, as on a wire
            }
        }
    }

    /** One forwarding: {@code front} bound to the listen address, {@code back} towards the target. */
    private static final class Rule {
        final DatagramChannel front;
        final DatagramChannel back;
        final InetSocketAddress target;
        SocketAddress client;

        Rule(final Selector selector, final InetSocketAddress listen, final InetSocketAddress target)
            throws IOException {
            this.target = target;
            front = DatagramChannel.open().bind(listen);
            back = DatagramChannel.open().bind(new InetSocketAddress(0));
            front.configureBlocking(false).register(selector, SelectionKey.OP_READ, this);
            back.configureBlocking(false).register(selector, SelectionKey.OP_READ, this);
        }
    }

    /** A datagram waiting for its due time; ties keep arrival order. */
    private record Pending(long dueNs, long sequence, DatagramChannel channel, SocketAddress to, byte[] bytes)
        implements Comparable<Pending> {
        @Override
        public int compareTo(final Pending other) {
            final int byTime = Long.compare(dueNs - other.dueNs, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
