package com.gstcomms.csv;

import com.gstcomms.runtime.storage.ObjectStore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Stores a split's chunks in S3 while the splitter reads on: a chunk is uploaded on one of a few threads,
 * so the S3 round trip of chunk n overlaps the parsing of chunk n+1. At most {@value #IN_FLIGHT} chunks
 * wait or travel at once (each ~150 KB for 1,000 rows), which bounds the memory.
 */
final class ChunkUploads implements AutoCloseable {

    static final int IN_FLIGHT = 4;

    private final ObjectStore store;
    private final ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
        Thread t = new Thread(r, "chunk-upload");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final List<Future<?>> uploads = new ArrayList<>();

    ChunkUploads(ObjectStore store) {
        this.store = store;
    }

    void put(String key, byte[] content) throws IOException {
        failFast();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing " + key);
        }
        uploads.add(threads.submit(() -> {
            try {
                store.put(key, content, "text/csv; charset=utf-8");
            } finally {
                slots.release();
            }
        }));
    }

    /** Waits for every chunk; rethrows the first failure. */
    void awaitAll() throws IOException {
        for (Future<?> upload : uploads) {
            wait(upload);
        }
    }

    private void failFast() throws IOException {
        for (Future<?> upload : uploads) {
            if (upload.isDone()) {
                wait(upload);
            }
        }
    }

    private static void wait(Future<?> upload) throws IOException {
        try {
            upload.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing chunks");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("storing a chunk failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        // A refused or failed split: let uploads in flight finish (their keys are deleted by the caller).
        threads.shutdown();
        try {
            threads.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
