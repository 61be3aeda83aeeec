package com.gstcomms.csv;

import com.gstcomms.bulk.JsonRows;
import com.gstcomms.bulk.Sql;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.words.AmountInWords;
import com.gstcomms.imports.CatalogueItem;
import com.gstcomms.imports.HeaderMatch;
import com.gstcomms.imports.InvoicePlan;
import com.gstcomms.imports.OrderInvoicing;
import com.gstcomms.imports.OrderRecord;
import com.gstcomms.imports.OrderRows;
import com.gstcomms.imports.RowProblem;
import com.gstcomms.imports.RowResult;
import com.gstcomms.imports.SourceRecord;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.invoice.InvoiceNumberAllocator;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a chunk of orders into GST invoices: each order (its rows kept together by the splitter) is
 * worked out with the shop's catalogue (SKU → HSN/SAC, rate), the shop's state and pricing mode
 * ({@link OrderInvoicing}), numbered from the shop's series by {@link InvoiceNumberAllocator} inside the
 * chunk's transaction (gapless: a rolled-back chunk gives its numbers back, CGST Rule 46(b)), and all
 * invoices and lines of the chunk are inserted in one statement.
 *
 * <p>An order already invoiced (same order reference in the shop) is not invoiced again and counts as
 * imported, so importing the same export twice issues nothing the second time. Order imports of one shop
 * take a transaction-scoped advisory lock so that two imports of the same orders cannot both miss the
 * other's invoice.
 */
@ApplicationScoped
class OrderImport {

    private static final String INSERT = """
            with inv as (
                select * from json_to_recordset(cast(cast(:invoices as text) as json)) as t(
                    number text, financial_year text, order_ref text, issue_date date, place_of_supply text,
                    recipient_name text, recipient_gstin text, billing_address text, shipping_address text, email text,
                    taxable bigint, cgst bigint, sgst bigint, igst bigint, cess bigint, round_off bigint,
                    grand_total bigint, amount_paid bigint, words text, status text)
            ),
            ins as (
                insert into invoice (id, shop_id, customer_id, number, financial_year, order_ref, issue_date,
                                     supplier_state, place_of_supply, reverse_charge, prices_include_tax, recipient_name,
                                     recipient_gstin, billing_address, shipping_address, taxable_paise, cgst_paise,
                                     sgst_paise, igst_paise, cess_paise, round_off_paise, grand_total_paise,
                                     amount_paid_paise, amount_in_words, status, created_at, updated_at)
                select nextval('invoice_seq'), :shopId,
                       (select c.id from customer c where c.shop_id = :shopId and lower(c.email) = lower(inv.email)),
                       inv.number, inv.financial_year, inv.order_ref, inv.issue_date, :supplierState,
                       inv.place_of_supply, false, :inclusive, inv.recipient_name, inv.recipient_gstin,
                       inv.billing_address, inv.shipping_address, inv.taxable, inv.cgst, inv.sgst, inv.igst, inv.cess,
                       inv.round_off, inv.grand_total, inv.amount_paid, inv.words, inv.status, now(), now()
                  from inv
                returning id, order_ref
            ),
            lines as (
                select * from json_to_recordset(cast(cast(:lines as text) as json)) as l(
                    order_ref text, line_no integer, description text, hsn_sac text, quantity numeric, unit text,
                    unit_price bigint, discount bigint, taxable bigint, gst_rate numeric, cgst bigint, sgst bigint,
                    igst bigint, cess_rate numeric, cess bigint, total bigint)
            ),
            ins_lines as (
                insert into invoice_line (id, shop_id, invoice_id, line_no, description, hsn_sac, quantity, unit,
                                          unit_price_paise, discount_paise, taxable_paise, gst_rate, cgst_paise,
                                          sgst_paise, igst_paise, cess_rate, cess_paise, total_paise)
                select nextval('invoice_line_seq'), :shopId, ins.id, l.line_no, l.description, l.hsn_sac, l.quantity,
                       l.unit, l.unit_price, l.discount, l.taxable, l.gst_rate, l.cgst, l.sgst, l.igst, l.cess_rate,
                       l.cess, l.total
                  from lines l join ins on ins.order_ref = l.order_ref
                returning 1
            )
            select id, order_ref from ins""";

    private final InvoiceNumberAllocator numbers;

    OrderImport(InvoiceNumberAllocator numbers) {
        this.numbers = numbers;
    }

    ChunkWork prepare(long shopId, HeaderMatch match, List<SourceRecord> records) {
        List<OrderRows.OrderRead> reads = OrderRows.read(match, records);
        List<RowProblem> problems = new ArrayList<>();
        List<OrderRecord> orders = new ArrayList<>();
        int[] rejectedRows = {0};
        for (OrderRows.OrderRead read : reads) {
            if (read.result() instanceof RowResult.Rejected<OrderRecord> bad) {
                problems.addAll(bad.problems());
                rejectedRows[0] += read.rows().size();
            } else {
                orders.add(((RowResult.Accepted<OrderRecord>) read.result()).value());
            }
        }
        if (orders.isEmpty()) {
            return () -> Uni.createFrom().item(new ChunkWork.Written(0, rejectedRows[0], problems, List.of()));
        }
        return () -> lock(shopId)
                .chain(Sql::preferIndexes)
                .chain(() -> Shop.<Shop>findById(shopId))
                .chain(shop -> catalogue(shopId, orders).chain(catalogue -> alreadyInvoiced(shopId, orders)
                        .chain(existing -> invoice(shop, match, orders, catalogue, existing, problems, rejectedRows[0]))));
    }

    private Uni<ChunkWork.Written> invoice(Shop shop, HeaderMatch match, List<OrderRecord> orders,
                                           Map<String, CatalogueItem> catalogue, Set<String> existing,
                                           List<RowProblem> earlierProblems, int rejectedRows) {
        IndianState supplier = IndianState.byCode(shop.stateCode).orElseThrow(() -> new IllegalStateException(
                "shop " + shop.id + " has an unknown state code " + shop.stateCode));
        PriceBasis basis = shop.pricesIncludeTax ? PriceBasis.INCLUSIVE_OF_TAX : PriceBasis.EXCLUSIVE_OF_TAX;
        List<RowProblem> problems = new ArrayList<>(earlierProblems);
        List<InvoicePlan> plans = new ArrayList<>();
        int succeeded = 0;
        int failed = rejectedRows;
        for (OrderRecord order : orders) {
            if (existing.contains(order.orderRef())) {
                succeeded += order.rows().size();
                continue;
            }
            RowResult<InvoicePlan> plan = OrderInvoicing.plan(match, order, catalogue, supplier, basis);
            if (plan instanceof RowResult.Rejected<InvoicePlan> bad) {
                problems.addAll(bad.problems());
                failed += order.rows().size();
            } else {
                plans.add(((RowResult.Accepted<InvoicePlan>) plan).value());
                succeeded += order.rows().size();
            }
        }
        int ok = succeeded;
        int bad = failed;
        if (plans.isEmpty()) {
            return Uni.createFrom().item(new ChunkWork.Written(ok, bad, problems, List.of()));
        }
        // One number per invoice, in file order, from the shop's series for the invoice's financial year.
        return Multi.createFrom().iterable(plans)
                .onItem().transformToUniAndConcatenate(plan -> numbers.next(shop.id, shop.invoicePrefix,
                        plan.order().issueDate()))
                .collect().asList()
                .chain(allocated -> {
                    JsonRows invoices = new JsonRows();
                    JsonRows lines = new JsonRows();
                    for (int i = 0; i < plans.size(); i++) {
                        addInvoice(invoices, lines, plans.get(i), allocated.get(i));
                    }
                    return Sql.rows(INSERT, Map.of("shopId", shop.id, "supplierState", supplier.code(),
                            "inclusive", basis == PriceBasis.INCLUSIVE_OF_TAX, "invoices", invoices.json(),
                            "lines", lines.json()));
                })
                .map(inserted -> new ChunkWork.Written(ok, bad, problems,
                        inserted.stream().map(r -> Sql.longValue(r[0])).toList()));
    }

    private static void addInvoice(JsonRows invoices, JsonRows lines, InvoicePlan plan,
                                   InvoiceNumberAllocator.AllocatedNumber number) {
        OrderRecord order = plan.order();
        TaxedInvoice taxed = plan.taxed();
        long paid = order.paymentStatus().equals("PAID") ? taxed.grandTotal().paise() : 0;
        invoices.row().put("number", number.number()).put("financial_year", number.financialYear())
                .put("order_ref", order.orderRef()).put("issue_date", order.issueDate().toString())
                .put("place_of_supply", order.placeOfSupply().code()).put("recipient_name", order.recipientName())
                .put("recipient_gstin", order.recipientGstin()).put("billing_address", order.billingAddress())
                .put("shipping_address", order.shippingAddress()).put("email", order.email())
                .put("taxable", taxed.taxableTotal().paise()).put("cgst", taxed.cgst().paise())
                .put("sgst", taxed.sgst().paise()).put("igst", taxed.igst().paise()).put("cess", taxed.cess().paise())
                .put("round_off", taxed.roundOff().paise()).put("grand_total", taxed.grandTotal().paise())
                .put("amount_paid", paid).put("words", AmountInWords.of(taxed.grandTotal()))
                .put("status", order.paymentStatus());
        int lineNo = 0;
        for (TaxedLine taxedLine : taxed.lines()) {
            InvoiceLine line = taxedLine.line();
            lines.row().put("order_ref", order.orderRef()).put("line_no", (long) ++lineNo)
                    .put("description", line.description().length() > 500 ? line.description().substring(0, 500)
                            : line.description())
                    .put("hsn_sac", line.hsnSac()).put("quantity", line.quantity()).put("unit", line.unit())
                    .put("unit_price", line.unitPrice().paise()).put("discount", line.discount().paise())
                    .put("taxable", taxedLine.taxableValue().paise()).put("gst_rate", line.rate().percent())
                    .put("cgst", taxedLine.cgst().paise()).put("sgst", taxedLine.sgst().paise())
                    .put("igst", taxedLine.igst().paise()).put("cess_rate", line.cessRate().percent())
                    .put("cess", taxedLine.cess().paise()).put("total", taxedLine.total().paise());
        }
    }

    private static Uni<Void> lock(long shopId) {
        return Sql.column("""
                        select 1 from (select pg_advisory_xact_lock(
                                hashtextextended('gstcomms-order-import', cast(:shopId as bigint)))) locked""",
                        Integer.class, Map.of("shopId", shopId))
                .replaceWithVoid();
    }

    private static Uni<Map<String, CatalogueItem>> catalogue(long shopId, List<OrderRecord> orders) {
        Set<String> skus = new HashSet<>();
        orders.forEach(o -> o.lines().forEach(l -> skus.add(l.sku())));
        JsonRows list = new JsonRows();
        skus.forEach(sku -> list.row().put("sku", sku));
        return Sql.rows("""
                        select p.sku, p.name, p.hsn_sac, p.gst_rate, p.cess_rate, p.unit from product p
                         where p.shop_id = :shopId
                           and p.sku in (select t.sku from json_to_recordset(cast(cast(:skus as text) as json)) as t(sku text))""",
                        Map.of("shopId", shopId, "skus", list.json()))
                .map(rows -> {
                    Map<String, CatalogueItem> items = new HashMap<>();
                    for (Object[] r : rows) {
                        items.put((String) r[0], new CatalogueItem((String) r[0], (String) r[1], (String) r[2],
                                Rate.of((BigDecimal) r[3]), Rate.of((BigDecimal) r[4]), (String) r[5]));
                    }
                    return items;
                });
    }

    private static Uni<Set<String>> alreadyInvoiced(long shopId, List<OrderRecord> orders) {
        JsonRows refs = new JsonRows();
        orders.forEach(o -> refs.row().put("ref", o.orderRef()));
        return Sql.column("""
                        select i.order_ref from invoice i
                         where i.shop_id = :shopId
                           and i.order_ref in (select t.ref from json_to_recordset(cast(cast(:refs as text) as json)) as t(ref text))""",
                        String.class, Map.of("shopId", shopId, "refs", refs.json()))
                .map(HashSet::new);
    }
}
