package com.gstcomms.imports;

import java.nio.charset.StandardCharsets;

/**
 * The rows seen so far by identity key (email, Shopify ID, SKU, order name), to report duplicates while a
 * file streams through the splitter in bounded memory: each key is kept as a 64-bit hash with the row
 * it was first seen on, 12 bytes a key in open addressing (a million-row file: ~24 MB at most), instead
 * of the strings. Two different keys share a hash with probability about n²/2⁶⁵ (10⁻⁷ for two million
 * keys); the cost of that would be one row wrongly reported as a duplicate, never a wrong write.
 */
final class KeyIndex {

    private long[] hashes = new long[1 << 12];
    private int[] rows = new int[1 << 12];
    private int size;

    /** The row the key was first seen on, or 0. */
    int get(String key) {
        long hash = hash(key);
        int mask = hashes.length - 1;
        for (int i = (int) (hash ^ (hash >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (hashes[i] == 0) {
                return 0;
            }
            if (hashes[i] == hash) {
                return rows[i];
            }
        }
    }

    /** Remembers the key's first row (keeps an earlier one). */
    void put(String key, int row) {
        if ((size + 1) * 2 > hashes.length) {
            grow();
        }
        insert(hash(key), row);
    }

    private boolean insert(long hash, int row) {
        int mask = hashes.length - 1;
        for (int i = (int) (hash ^ (hash >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (hashes[i] == 0) {
                hashes[i] = hash;
                rows[i] = row;
                size++;
                return true;
            }
            if (hashes[i] == hash) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new int[oldRows.length * 2];
        size = 0;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldHashes[i], oldRows[i]);
            }
        }
    }

    /** FNV-1a over the UTF-8 bytes, then MurmurHash3's finaliser to spread the bits; 0 is kept for "empty". */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
