package com.gstcomms.runtime.invoice;

import com.gstcomms.core.invoice.FinancialYear;
import com.gstcomms.core.invoice.InvoiceNumber;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/**
 * Allocates invoice numbers from a series per shop, financial year (April–March) and prefix.
 *
 * <p>Call it inside the transaction that inserts the invoice. The upsert takes the series row's lock
 * until that transaction ends, so two invoices issued at the same moment get consecutive numbers
 * (never the same one), and an invoice whose transaction rolls back gives its number back, so the
 * series has no gaps (CGST Rule 46(b): consecutive serial numbers, unique per financial year).
 */
@ApplicationScoped
public class InvoiceNumberAllocator {

    private static final String NEXT_VALUE = """
            insert into invoice_series (shop_id, financial_year, prefix, last_value)
            values (:shopId, :fy, :prefix, 1)
            on conflict (shop_id, financial_year, prefix)
            do update set last_value = invoice_series.last_value + 1
            returning last_value""";

    public Uni<AllocatedNumber> next(long shopId, String prefix, LocalDate issueDate) {
        FinancialYear fy = FinancialYear.of(issueDate);
        return Panache.getSession().chain(session -> session.createNativeQuery(NEXT_VALUE, Long.class)
                        .setParameter("shopId", shopId)
                        .setParameter("fy", fy.label())
                        .setParameter("prefix", prefix)
                        .getSingleResult())
                .map(sequence -> new AllocatedNumber(InvoiceNumber.format(prefix, fy, sequence), fy.label(), sequence));
    }

    /** The printed number, the financial year it belongs to ("2026-27") and its place in the series. */
    public record AllocatedNumber(String number, String financialYear, long sequence) {
    }
}
