package com.gstcomms.api.invoices;

import com.gstcomms.core.time.India;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.gst.GstCalculator;
import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.gst.TaxedLine;
import com.gstcomms.core.gst.Uqc;
import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.message.Channel;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Bounded;
import com.gstcomms.core.validation.DateWindow;
import com.gstcomms.core.validation.HsnSac;
import com.gstcomms.core.words.AmountInWords;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Product;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.invoice.InvoiceNumberAllocator;
import com.gstcomms.runtime.queue.CommandQueue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Issues a GST tax invoice from an order: checks every field (all problems at once), works out the tax
 * with the core's {@link GstCalculator}, takes the next number of the shop's series (gapless, inside the
 * same transaction) and queues the PDF rendering (and delivery) after commit.
 */
@ApplicationScoped
public class InvoiceIssuing {

    private static final Logger LOG = Logger.getLogger(InvoiceIssuing.class);
    static final int MAX_LINES = 500;
    static final int MAX_ADDRESS = 1000;
    static final int MAX_STATE = 60;
    /** product.sku is varchar(100). */
    static final int MAX_SKU = 100;
    static final int MAX_CHANNELS = 5;

    private final InvoiceNumberAllocator numbers;
    private final CommandQueue queue;
    private final QueuesConfig queues;
    private final AuditTrail audit;
    private final DateWindow dates;

    private final Clock clock;

    public InvoiceIssuing(InvoiceNumberAllocator numbers, CommandQueue queue, QueuesConfig queues, AuditTrail audit,
                          ApiConfig config, Clock clock) {
        this.clock = clock;
        this.numbers = numbers;
        this.queue = queue;
        this.queues = queues;
        this.audit = audit;
        this.dates = DateWindow.gstDocuments(config.maxDaysAhead());
    }

    /** Issues one invoice and queues its rendering; the invoice as stored. */
    public Invoice issue(Caller caller, IssueInvoice body) {
        Invoice invoice = inTransaction(() -> prepare(caller.shopId(), body, "")
                .chain(prepared -> persist(caller, prepared)));
        try {
            render(invoice, channels(body.deliverVia()));
        } catch (RuntimeException e) {
            // The invoice is issued (its number is taken); POST /v1/invoices/{id}/send renders it later.
            LOG.warnf(e, "invoice %d issued but its rendering could not be queued", invoice.id);
        }
        return invoice;
    }

    /** Queues RenderInvoice; a failure leaves the invoice issued and is reported to the caller as 503. */
    public void render(Invoice invoice, List<Channel> deliverVia) {
        queue.send(QueuesConfig.required(queues.render(), "render"),
                new RenderInvoice(invoice.shopId, invoice.id, deliverVia, null));
    }

    /** Everything checked and computed, ready to store. */
    record Prepared(Shop shop, IssueInvoice body, Customer customer, Invoice invoice, TaxedInvoice taxed,
                    LocalDate issueDate) {
    }

    /** Checks the request against the shop's data; {@code at} prefixes field names ("orders[3].") in bulk. */
    Uni<Prepared> prepare(long shopId, IssueInvoice body, String at) {
        if (body == null) {
            throw Problem.badRequest("Send the invoice as a JSON body");
        }
        Uni<Shop> shop = Shop.findById(shopId);
        Uni<Customer> customer = body.customerId() == null ? Uni.createFrom().nullItem()
                : Customer.<Customer>find("id = ?1 and shopId = ?2", body.customerId(), shopId).firstResult();
        Set<String> skus = body.lines() == null ? Set.of() : body.lines().stream().filter(Objects::nonNull)
                .map(IssueInvoice.Line::sku).filter(Objects::nonNull).map(String::strip)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Uni<Map<String, Product>> products = skus.isEmpty() ? Uni.createFrom().item(Map.of())
                : Product.<Product>find("shopId = ?1 and sku in ?2", shopId, skus).list()
                .map(list -> list.stream().collect(Collectors.toMap(p -> p.sku, Function.identity())));
        Uni<Boolean> orderTaken = body.orderRef() == null ? Uni.createFrom().item(false)
                : Invoice.count("shopId = ?1 and orderRef = ?2 and status <> ?3", shopId, body.orderRef().strip(),
                Invoice.Status.CANCELLED).map(n -> n > 0);
        // One reactive session runs one statement at a time: chain, never combine.
        return shop.chain(s -> customer.chain(c -> products.chain(p -> orderTaken.map(
                taken -> check(s, body, c, p, taken, at)))));
    }

    private Prepared check(Shop shop, IssueInvoice body, Customer customer, Map<String, Product> products,
                           boolean orderTaken, String at) {
        if (shop.legalName == null || shop.stateCode == null || shop.gstin == null || shop.addressLine1 == null) {
            throw Problem.unprocessable("A tax invoice needs the supplier's legal name, address, state and GSTIN "
                    + "(CGST Rule 46(a)); complete them with PUT /v1/settings/shop");
        }
        FieldErrors errors = new FieldErrors();
        String orderRef = errors.maxLength(at + "orderRef", errors.required(at + "orderRef", body.orderRef()), 64);
        if (orderTaken) {
            throw Problem.conflict("Order " + orderRef + " already has an invoice; cancel it before issuing another");
        }
        if (body.customerId() != null && customer == null) {
            errors.add(at + "customerId", "customer " + body.customerId() + " was not found");
        }
        LocalDate today = LocalDate.now(clock.withZone(India.ZONE));
        LocalDate issueDate = body.issueDate() == null ? today : date(errors, at + "issueDate", body.issueDate(), today);
        LocalDate dueDate = date(errors, at + "dueDate", body.dueDate(), today);
        if (issueDate != null && dueDate != null && dueDate.isBefore(issueDate)) {
            errors.add(at + "dueDate", "dueDate is before issueDate");
        }

        IssueInvoice.Recipient r = body.recipient();
        String name = r != null && r.name() != null && !r.name().isBlank() ? r.name().strip()
                : customer != null && !customer.displayName().isBlank() ? customer.displayName() : null;
        if (name == null) {
            errors.add(at + "recipient.name", "recipient.name is required (or a customerId with a name)");
        }
        errors.maxLength(at + "recipient.name", name, 255);
        if (r != null) {
            errors.maxLength(at + "recipient.gstin", r.gstin(), 15);
            errors.maxLength(at + "recipient.billingAddress", r.billingAddress(), MAX_ADDRESS);
            errors.maxLength(at + "recipient.shippingAddress", r.shippingAddress(), MAX_ADDRESS);
            errors.maxLength(at + "recipient.stateCode", r.stateCode(), MAX_STATE);
        }
        errors.maxLength(at + "placeOfSupply", body.placeOfSupply(), MAX_STATE);
        String gstinText = r != null && r.gstin() != null && !r.gstin().isBlank() ? r.gstin()
                : customer != null ? customer.gstin : null;
        Gstin gstin = gstinText == null ? null : errors.check(at + "recipient.gstin", GstinValidator.validate(gstinText));
        String billing = r != null && r.billingAddress() != null && !r.billingAddress().isBlank() ? r.billingAddress().strip()
                : customer != null ? address(customer) : null;
        String shipping = r == null || r.shippingAddress() == null || r.shippingAddress().isBlank() ? null : r.shippingAddress().strip();
        String recipientStateText = r != null && r.stateCode() != null ? r.stateCode() : customer != null ? customer.stateCode : null;
        IndianState recipientState = state(errors, at + "recipient.stateCode", recipientStateText);

        // Place of supply of goods: where the movement ends (IGST Act s.10(1)(a)); the client may state it,
        // else the registered recipient's state, else the recipient's address state.
        IndianState pos = body.placeOfSupply() != null ? state(errors, at + "placeOfSupply", body.placeOfSupply())
                : gstin != null ? gstin.state() : recipientState;
        if (pos == null && body.placeOfSupply() == null) {
            errors.add(at + "placeOfSupply", "placeOfSupply is required when the recipient has no GSTIN or state");
        }

        PriceBasis basis = (body.pricesIncludeTax() != null ? body.pricesIncludeTax() : shop.pricesIncludeTax)
                ? PriceBasis.INCLUSIVE_OF_TAX : PriceBasis.EXCLUSIVE_OF_TAX;
        List<InvoiceLine> lines = lines(body.lines(), products, errors, at);
        Money shippingCharge = body.shippingCharge() == null ? null
                : errors.check(at + "shippingCharge", Bounded.SHIPPING_CHARGE.money(at + "shippingCharge", body.shippingCharge()));
        channels(body.deliverVia(), errors, at);
        errors.throwIfAny();

        TaxedInvoice taxed;
        try {
            taxed = GstCalculator.calculate(GstCalculator.withShipping(lines, shippingCharge),
                    IndianState.byCode(shop.stateCode).orElseThrow(), pos, basis);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(at + "lines", e.getMessage());
        }
        Invoice invoice = new Invoice();
        invoice.shopId = shop.id;
        invoice.customerId = customer == null ? null : customer.id;
        invoice.orderRef = orderRef;
        invoice.issueDate = issueDate;
        invoice.dueDate = dueDate;
        invoice.supplierState = shop.stateCode;
        invoice.placeOfSupply = pos.code();
        invoice.reverseCharge = Boolean.TRUE.equals(body.reverseCharge());
        invoice.pricesIncludeTax = basis == PriceBasis.INCLUSIVE_OF_TAX;
        invoice.recipientName = name;
        invoice.recipientGstin = gstin == null ? null : gstin.value();
        invoice.billingAddress = billing;
        invoice.shippingAddress = shipping;
        invoice.taxablePaise = taxed.taxableTotal().paise();
        invoice.cgstPaise = taxed.cgst().paise();
        invoice.sgstPaise = taxed.sgst().paise();
        invoice.igstPaise = taxed.igst().paise();
        invoice.cessPaise = taxed.cess().paise();
        invoice.roundOffPaise = taxed.roundOff().paise();
        invoice.grandTotalPaise = taxed.grandTotal().paise();
        invoice.amountInWords = AmountInWords.of(taxed.grandTotal());
        invoice.status = Invoice.Status.ISSUED;
        for (TaxedLine t : taxed.lines()) {
            com.gstcomms.runtime.data.InvoiceLine line = new com.gstcomms.runtime.data.InvoiceLine();
            line.description = t.line().description();
            line.hsnSac = t.line().hsnSac();
            line.quantity = t.line().quantity();
            line.unit = t.line().unit();
            line.unitPricePaise = t.line().unitPrice().paise();
            line.discountPaise = t.discount().paise();
            line.taxablePaise = t.taxableValue().paise();
            line.gstRate = t.line().rate().percent();
            line.cgstPaise = t.cgst().paise();
            line.sgstPaise = t.sgst().paise();
            line.igstPaise = t.igst().paise();
            line.cessRate = t.cessRate().percent();
            line.cessPaise = t.cess().paise();
            line.totalPaise = t.total().paise();
            invoice.addLine(line);
        }
        return new Prepared(shop, body, customer, invoice, taxed, issueDate);
    }

    /** Numbers the invoice inside the current transaction and stores it with its audit row. */
    Uni<Invoice> persist(Caller caller, Prepared prepared) {
        Invoice invoice = prepared.invoice();
        return numbers.next(invoice.shopId, prepared.shop().invoicePrefix, prepared.issueDate())
                .chain(number -> {
                    invoice.number = number.number();
                    invoice.financialYear = number.financialYear();
                    return invoice.<Invoice>persist();
                })
                .call(saved -> audit.record(caller, "invoice.issue", "invoice", saved.id,
                        Map.of("number", saved.number, "orderRef", saved.orderRef,
                                "grandTotal", Json.money(saved.grandTotalPaise))));
    }

    private static List<InvoiceLine> lines(List<IssueInvoice.Line> given, Map<String, Product> products,
                                           FieldErrors errors, String at) {
        List<InvoiceLine> lines = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            errors.add(at + "lines", "an invoice needs at least one line");
            return lines;
        }
        if (given.size() > MAX_LINES) {
            errors.add(at + "lines", "at most " + MAX_LINES + " lines are allowed");
            return lines;
        }
        for (int i = 0; i < given.size(); i++) {
            String f = at + "lines[" + i + "].";
            IssueInvoice.Line l = given.get(i);
            if (l == null) {
                errors.add(at + "lines[" + i + "]", "line is empty");
                continue;
            }
            Product product = null;
            if (l.sku() != null && l.sku().length() > MAX_SKU) {
                errors.add(f + "sku", "sku has " + l.sku().length() + " characters; at most " + MAX_SKU + " are allowed");
                continue;
            }
            if (l.sku() != null) {
                product = products.get(l.sku().strip());
                if (product == null && (l.hsnSac() == null || l.gstRate() == null)) {
                    errors.add(f + "sku", "SKU " + l.sku() + " is not in the catalogue; give hsnSac and gstRate, "
                            + "or import the product first");
                    continue;
                }
            }
            String description = l.description() != null && !l.description().isBlank() ? l.description().strip()
                    : product != null ? product.name : null;
            if (description == null) {
                errors.add(f + "description", "description is required");
            } else {
                errors.maxLength(f + "description", description, 500);
            }
            String hsn = l.hsnSac() != null ? errors.check(f + "hsnSac", HsnSac.validate(l.hsnSac()))
                    : product != null ? product.hsnSac : null;
            if (l.hsnSac() == null && product == null) {
                errors.add(f + "hsnSac", "hsnSac is required (CGST Rule 46(g))");
            }
            // Every number through the one bounded rule (shared/core Bounded) before any arithmetic.
            BigDecimal rate = l.gstRate() != null ? errors.check(f + "gstRate", Bounded.GST_RATE.check(f + "gstRate", l.gstRate()))
                    : product != null ? product.gstRate : null;
            if (l.gstRate() == null && product == null) {
                errors.add(f + "gstRate", "gstRate is required");
            }
            BigDecimal cess = l.cessRate() != null ? errors.check(f + "cessRate", Bounded.CESS_RATE.check(f + "cessRate", l.cessRate()))
                    : product != null ? product.cessRate : BigDecimal.ZERO;
            BigDecimal quantity = l.quantity() == null ? null
                    : errors.check(f + "quantity", Bounded.QUANTITY.check(f + "quantity", l.quantity()));
            if (l.quantity() == null) {
                errors.add(f + "quantity", "quantity is required");
            }
            // Stored as GSTN's unit code: "pcs" or "litre" become PCS, LTR; text that names no unit, OTH.
            String unit = Uqc.of(l.unit() != null && !l.unit().isBlank() ? l.unit()
                    : product != null ? product.unit : null).name();
            Money price = l.unitPrice() == null ? null
                    : errors.check(f + "unitPrice", Bounded.UNIT_PRICE.money(f + "unitPrice", l.unitPrice()));
            if (l.unitPrice() == null) {
                errors.add(f + "unitPrice", "unitPrice is required");
            }
            Money discount = l.discount() == null ? Money.ZERO
                    : errors.check(f + "discount", Bounded.DISCOUNT.money(f + "discount", l.discount()));
            if (description != null && hsn != null && rate != null && cess != null && price != null && discount != null
                    && quantity != null && unit.length() <= 10) {
                lines.add(new InvoiceLine(description, hsn, quantity, unit, price, discount, Rate.of(rate), Rate.of(cess)));
            }
        }
        return lines;
    }

    static List<Channel> channels(List<String> given) {
        FieldErrors errors = new FieldErrors();
        List<Channel> channels = channels(given, errors, "");
        errors.throwIfAny();
        return channels;
    }

    static List<Channel> channels(List<String> given, FieldErrors errors, String at) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_CHANNELS) {
            errors.add(at + "deliverVia", "deliverVia names at most " + MAX_CHANNELS + " channels");
            return List.of();
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Channel c = errors.oneOf(at + "deliverVia[" + i + "]", given.get(i), Channel.class);
            if (c != null && !channels.contains(c)) {
                channels.add(c);
            }
        }
        return channels;
    }

    /** A date inside the window of GST documents (from 1 July 2017, at most gstcomms.api.max-days-ahead ahead). */
    private LocalDate date(FieldErrors errors, String field, String text, LocalDate today) {
        LocalDate date = errors.parse(field, text, s -> {
            try {
                return LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " must be a date like 2026-11-25, not '"
                        + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'");
            }
        });
        return date == null ? null : errors.check(field, dates.check(field, date, today));
    }

    private static IndianState state(FieldErrors errors, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var state = IndianState.byCode(text.strip()).or(() -> IndianState.byProvinceCode(text.strip()))
                .or(() -> IndianState.byName(text.strip()));
        if (state.isEmpty()) {
            errors.add(field, field + " must be a GST state code like 27, or MH, not '" + text + "'");
            return null;
        }
        return state.get();
    }

    private static String address(Customer c) {
        return java.util.stream.Stream.of(c.company, c.address1, c.address2, c.city,
                        c.pin, c.stateCode == null ? null : IndianState.byCode(c.stateCode).map(IndianState::displayName).orElse(null))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "));
    }

    /** Logs and rethrows queue trouble as a 503 the client can retry (the invoice itself is issued). */
    static Problem queueDown(Invoice invoice, RuntimeException e) {
        LOG.warnf(e, "invoice %d issued but its rendering could not be queued", invoice.id);
        return Problem.unavailable("Invoice " + invoice.number + " is issued, but its PDF could not be queued; "
                + "POST /v1/invoices/" + invoice.id + "/send to retry");
    }

}
