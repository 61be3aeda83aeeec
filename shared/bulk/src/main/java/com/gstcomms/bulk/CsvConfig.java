package com.gstcomms.bulk;

import com.gstcomms.imports.ImportLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code gstcomms.csv.*}: import limits, chunk size, leases, export paging. */
@ConfigMapping(prefix = "gstcomms.csv")
public interface CsvConfig {

    @WithDefault("1000")
    int chunkRows();

    @WithDefault("104857600")
    long maxFileBytes();

    @WithDefault("200")
    int maxColumns();

    @WithDefault("32767")
    int maxFieldChars();

    @WithDefault("1000000")
    int maxRows();

    /**
     * How long a split may hold its operation before another delivery of the S3 event may take it over:
     * longer than the function's timeout (300 s in template.yaml), so an expired lease means the holder
     * is dead, not slow.
     */
    @WithDefault("6M")
    Duration splitLease();

    /** The same for an export or a batch of status changes. */
    @WithDefault("6M")
    Duration jobLease();

    /** Rows fetched per query while an export or error report streams to S3. */
    @WithDefault("2000")
    int exportPageRows();

    /** Ids changed per transaction (one progress unit) in a bulk status change. */
    @WithDefault("500")
    int statusBatch();

    /** How long the download link returned by an export stays valid (the API presigns its own on read). */
    @WithDefault("15M")
    Duration downloadLinkTtl();

    default ImportLimits limits() {
        return new ImportLimits(maxFileBytes(), maxColumns(), maxFieldChars(), maxRows(), chunkRows());
    }
}
