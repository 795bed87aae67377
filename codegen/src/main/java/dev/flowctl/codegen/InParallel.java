package dev.flowctl.codegen;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Applies a function to independent items on several threads, with the result and the failure a
 * sequential loop would have: results in the items' order, and the exception of the first item (in
 * that order) that failed. Rendering 3,000 flow versions is most of a codegen run's CPU, and writing
 * them waits on the kernel, so both run on more threads than one.
 */
final class InParallel {
    private InParallel() {
    }

    /**
     * {@code f} of every item, in order, on {@code threads} threads (the caller's among them).
     * Items are claimed in order, so when one fails every earlier item has been claimed and finishes;
     * later ones are no longer started.
     */
    static <T, R> List<R> map(List<T> items, int threads, Function<T, R> f) {
        int n = items.size();
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i; !failed.get() && (i = next.getAndIncrement()) < n; ) {
                try {
                    results[i] = f.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    failed.set(true);
                }
            }
        };
        Thread[] helpers = new Thread[Math.max(0, Math.min(threads, n) - 1)];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(worker, "flowctl-codegen-" + (t + 1));
            helpers[t].setDaemon(true); // never keeps a JVM alive
            helpers[t].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread h : helpers) {
            while (true) {
                try {
                    h.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers finish their item and stop; their results are needed
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        for (Throwable t : failures) {
            if (t instanceof RuntimeException e) throw e;
            if (t instanceof Error e) throw e;
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    /** The threads to render on: every core (a 2-core CI runner has 2). */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
