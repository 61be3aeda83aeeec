package com.gstcomms.core.invoice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceFileNameTest {

    @Test
    void aSlashBecomesAHyphen() {
        assertThat(InvoiceFileName.pdf("INV/2627/000123")).isEqualTo("INV-2627-000123.pdf");
        assertThat(InvoiceFileName.base("A-1")).isEqualTo("A-1");
    }

    @Test
    void nothingThatCouldBreakAHeaderOrAKeyGetsThrough() {
        assertThat(InvoiceFileName.pdf("A\"1\r\n/..\\x")).isEqualTo("A-1------x.pdf");
    }
}
