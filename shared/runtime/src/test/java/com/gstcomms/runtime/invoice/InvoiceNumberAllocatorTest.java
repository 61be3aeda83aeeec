package com.gstcomms.runtime.invoice;

import com.gstcomms.runtime.Db;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class InvoiceNumberAllocatorTest {

    private static final LocalDate NOV_2026 = LocalDate.of(2026, 11, 25);

    @Inject
    InvoiceNumberAllocator allocator;

    private long shopId;

    @BeforeEach
    void newShop() {
        Shop s = new Shop();
        s.shopDomain = "inv-" + UUID.randomUUID() + ".myshopify.com";
        Db.tx(s::persist);
        shopId = s.id;
    }

    private InvoiceNumberAllocator.AllocatedNumber allocate(String prefix, LocalDate date) {
        return Db.tx(() -> allocator.next(shopId, prefix, date));
    }

    @Test
    void startsEachSeriesAtOneAndCountsUp() {
        var first = allocate("INV", NOV_2026);
        var second = allocate("INV", NOV_2026);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(first.financialYear()).isEqualTo("2026-27");
        assertThat(first.number()).isNotEqualTo(second.number()).hasSizeLessThanOrEqualTo(16).startsWith("INV");
    }

    @Test
    void restartsInANewFinancialYearOnTheFirstOfApril() {
        assertThat(allocate("INV", LocalDate.of(2027, 3, 31)).sequence()).isEqualTo(1);
        assertThat(allocate("INV", LocalDate.of(2027, 3, 31)).sequence()).isEqualTo(2);
        var april = allocate("INV", LocalDate.of(2027, 4, 1));
        assertThat(april.sequence()).isEqualTo(1);
        assertThat(april.financialYear()).isEqualTo("2027-28");
    }

    @Test
    void keepsSeparateSeriesPerPrefix() {
        allocate("INV", NOV_2026);
        assertThat(allocate("EXP", NOV_2026).sequence()).isEqualTo(1);
    }

    @Test
    void givesTheNumberBackWhenTheInvoiceIsRolledBack() {
        allocate("INV", NOV_2026);
        assertThatThrownBy(() -> Db.tx(() -> allocator.next(shopId, "INV", NOV_2026)
                .chain(n -> Uni.createFrom().failure(new IllegalStateException("PDF data invalid")))))
                .hasMessageContaining("PDF data invalid");
        assertThat(allocate("INV", NOV_2026).sequence()).isEqualTo(2);
    }

    @Test
    void handsOutNoDuplicateAndNoGapWhenManyInvoicesAreIssuedAtOnce() throws Exception {
        int issuers = 40;
        // 40 threads released together, each with its own Vert.x context, session, connection and
        // transaction, all racing for the same (new) series.
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(issuers);
        try {
            List<Future<InvoiceNumberAllocator.AllocatedNumber>> futures = new ArrayList<>();
            for (int i = 0; i < issuers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return allocate("INV", NOV_2026);
                }));
            }
            start.countDown();
            List<InvoiceNumberAllocator.AllocatedNumber> numbers = new ArrayList<>();
            for (var f : futures) {
                numbers.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(numbers).extracting(InvoiceNumberAllocator.AllocatedNumber::sequence)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, issuers).mapToObj(i -> (long) i).toList());
            assertThat(numbers).extracting(InvoiceNumberAllocator.AllocatedNumber::number).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
