package dev.flowctl.spec;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Runs a YAML parser ({@link QuickYamlParser}, or SnakeYAML's for what that one hands over) on a
 * second thread and hands its events over in batches, so that composing and validating flows.yaml
 * overlaps with tokenizing it: with SnakeYAML's scanner, tokenizing is most of the time a large spec
 * takes to read; with the line scanner, a tenth of it (bench/plan). CI machines have two cores.
 *
 * <p>Events arrive in document order, and a parse error surfaces exactly where SnakeYAML raised it:
 * after every event before it. The queue is bounded, so a large spec is never held in memory as
 * events. {@link #close()} stops the producer when the reader gives up early.
 */
final class PrefetchingParser implements Parser, AutoCloseable {
    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 16;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private volatile boolean closed;
    private Event[] batch = new Event[0];
    private int next;
    private boolean ended;

    /** Something the producer threw, to be rethrown in the reader's thread at its position. */
    private record Failure(Throwable error) {
    }

    PrefetchingParser(Parser parser) {
        Thread producer = new Thread(() -> produce(parser), "flowctl-yaml-scanner");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(Parser parser) {
        Event[] buffer = new Event[BATCH];
        int size = 0;
        try {
            while (!closed) {
                Event event = parser.getEvent();
                buffer[size++] = event;
                boolean end = event.is(Event.ID.StreamEnd);
                if (end || size == BATCH) {
                    hand(java.util.Arrays.copyOf(buffer, size));
                    size = 0;
                }
                if (end) return;
            }
        } catch (RuntimeException | StackOverflowError e) {
            if (size > 0) hand(java.util.Arrays.copyOf(buffer, size));
            hand(new Failure(e));
        }
    }

    private void hand(Object item) {
        try {
            while (!closed && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // the reader is busy; wait unless it has closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next event without consuming it; null after the stream's end. */
    private Event current() {
        while (!ended && next == batch.length) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading flows.yaml", e);
            }
            if (item instanceof Failure f) {
                ended = true;
                if (f.error() instanceof RuntimeException r) throw r;
                throw (Error) f.error();
            }
            batch = (Event[]) item;
            next = 0;
        }
        return ended && next == batch.length ? null : batch[next];
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        Event event = current();
        return event != null && event.is(choice);
    }

    @Override
    public Event peekEvent() {
        return current();
    }

    @Override
    public Event getEvent() {
        Event event = current();
        if (event == null) return null;
        next++;
        if (event.is(Event.ID.StreamEnd)) ended = true;
        return event;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
    }
}
