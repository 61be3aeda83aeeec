package com.gstcomms.imports;

import java.io.IOException;

/** Where the splitter puts each chunk (the csv function: S3 next to the source; the CLI: nowhere). */
@FunctionalInterface
public interface ChunkSink {

    /**
     * @param number  the chunk's number, from 1
     * @param content the chunk file ({@link ChunkFile})
     * @param rows    data rows in it
     */
    void write(int number, byte[] content, int rows) throws IOException;
}
