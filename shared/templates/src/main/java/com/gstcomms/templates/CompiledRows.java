package com.gstcomms.templates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled template rows by id, least recently used first out, bounded by the memory they hold rather than by
 * their number: a shop template may be 100 KB of source, so a count bound of 1,000 could hold 100 MB.
 */
final class CompiledRows {

    private final long maxBytes;
    private final LinkedHashMap<Long, MessageTemplate> rows = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    CompiledRows(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized MessageTemplate get(long id) {
        return rows.get(id);
    }

    synchronized void put(long id, MessageTemplate template) {
        MessageTemplate previous = rows.put(id, template);
        if (previous != null) {
            bytes -= previous.weight();
        }
        bytes += template.weight();
        var eldest = rows.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Long, MessageTemplate> e = eldest.next();
            if (e.getKey() == id) {
                continue;
            }
            bytes -= e.getValue().weight();
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return rows.size();
    }
}
