package com.gstcomms.imports;

import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.validation.Bounded;
import com.gstcomms.core.validation.DateWindow;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.PinCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads orders: rows are grouped by order name (Shopify writes the line items of an order on the rows
 * after its first, with the order's own fields on the first row only). An order is imported whole or
 * not at all: one bad line rejects the order, and each of its rows is reported.
 */
public final class OrderRows {

    public static final String ORDER = "order";
    public static final String DATE = "date";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String GSTIN = "gstin";
    public static final String FINANCIAL_STATUS = "financialStatus";
    public static final String CURRENCY = "currency";
    public static final String SHIPPING = "shipping";
    public static final String TOTAL = "total";
    public static final String DISCOUNT = "discount";
    public static final String QUANTITY = "quantity";
    public static final String ITEM = "item";
    public static final String PRICE = "price";
    public static final String SKU = "sku";
    public static final String LINE_DISCOUNT = "lineDiscount";
    public static final String BILLING_NAME = "billingName";
    public static final String BILLING_ADDRESS1 = "billingAddress1";
    public static final String BILLING_ADDRESS2 = "billingAddress2";
    public static final String BILLING_COMPANY = "billingCompany";
    public static final String BILLING_CITY = "billingCity";
    public static final String BILLING_PIN = "billingPin";
    public static final String BILLING_STATE = "billingState";
    public static final String BILLING_COUNTRY = "billingCountry";
    public static final String BILLING_PHONE = "billingPhone";
    public static final String SHIPPING_NAME = "shippingName";
    public static final String SHIPPING_ADDRESS1 = "shippingAddress1";
    public static final String SHIPPING_ADDRESS2 = "shippingAddress2";
    public static final String SHIPPING_COMPANY = "shippingCompany";
    public static final String SHIPPING_CITY = "shippingCity";
    public static final String SHIPPING_PIN = "shippingPin";
    public static final String SHIPPING_STATE = "shippingState";
    public static final String SHIPPING_COUNTRY = "shippingCountry";
    public static final String SHIPPING_PHONE = "shippingPhone";
    public static final String CANCELLED_AT = "cancelledAt";

    /** Shopify's "Created at": {@code 2026-10-05 12:00:00 +0530}. */
    private static final DateTimeFormatter SHOPIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);
    /** Dates in our template: ISO, or day first as written in India. */
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu", Locale.ROOT),
            DateTimeFormatter.ofPattern("d-M-uuuu", Locale.ROOT),
            DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT));

    private OrderRows() {
    }

    /** An order's rows and what became of them. */
    public record OrderRead(List<Integer> rows, RowResult<OrderRecord> result) {
        public OrderRead {
            rows = List.copyOf(rows);
        }
    }

    /** The order a row belongs to (its name, e.g. {@code #IN1001}). */
    public static String orderName(HeaderMatch match, SourceRecord record) {
        return match.value(record, ORDER);
    }

    /**
     * Groups consecutive rows of the same order and reads each order. Rows with no order name are
     * rejected on their own.
     */
    public static List<OrderRead> read(HeaderMatch match, List<SourceRecord> records) {
        Map<String, List<SourceRecord>> groups = new LinkedHashMap<>();
        List<OrderRead> reads = new ArrayList<>();
        List<SourceRecord> current = null;
        String currentName = null;
        for (SourceRecord record : records) {
            String name = orderName(match, record);
            if (name.isEmpty()) {
                RowCheck check = new RowCheck(match, record);
                check.problem(ORDER, match.heading(ORDER) + " is required: it says which order the line belongs to.");
                reads.add(new OrderRead(List.of(record.row()), new RowResult.Rejected<>(record.row(), check.problems())));
                continue;
            }
            if (!name.equals(currentName)) {
                current = new ArrayList<>();
                currentName = name;
                // Not adjacent to its earlier rows: the splitter reports that; here it is read as its own group.
                groups.put(name + "\u0000" + record.row(), current);
            }
            current.add(record);
        }
        for (List<SourceRecord> group : groups.values()) {
            reads.add(readOrder(match, group));
        }
        reads.sort((a, b) -> Integer.compare(a.rows().getFirst(), b.rows().getFirst()));
        return reads;
    }

    private static OrderRead readOrder(HeaderMatch match, List<SourceRecord> group) {
        List<Integer> rows = group.stream().map(SourceRecord::row).toList();
        SourceRecord first = group.getFirst();
        String orderRef = orderName(match, first);
        RowCheck head = new RowCheck(match, first);
        if (orderRef.length() > 64) {
            head.problem(ORDER, match.heading(ORDER) + " is longer than 64 characters.");
        }
        LocalDate date = date(head, match);
        String currency = head.text(CURRENCY);
        if (!currency.isEmpty() && !currency.equalsIgnoreCase("INR")) {
            head.problem(CURRENCY, "Only orders in INR can become GST invoices; this one is in " + currency + ".");
        }
        if (!head.text(CANCELLED_AT).isEmpty()) {
            head.problem(CANCELLED_AT, "The order was cancelled; no invoice is issued for it.");
        }
        String status = head.text(FINANCIAL_STATUS).toLowerCase(Locale.ROOT);
        if (status.equals("voided")) {
            head.problem(FINANCIAL_STATUS, "The order's payment was voided; no invoice is issued for it.");
        }
        String paymentStatus = switch (status) {
            case "paid" -> "PAID";
            case "partially_paid", "partially paid" -> "PARTIALLY_PAID";
            default -> "ISSUED";
        };
        String email = head.text(EMAIL).isEmpty() ? null : head.validated(EMAIL, Email.validate(head.text(EMAIL)));
        String phone = phone(head, match);
        String gstin = null;
        if (!head.text(GSTIN).isEmpty()) {
            Gstin valid = head.validated(GSTIN, GstinValidator.validate(head.text(GSTIN)));
            gstin = valid == null ? null : valid.value();
        }

        Address billing = address(head, BILLING_COMPANY, BILLING_ADDRESS1, BILLING_ADDRESS2, BILLING_CITY,
                BILLING_PIN, BILLING_STATE, BILLING_COUNTRY);
        Address shipping = address(head, SHIPPING_COMPANY, SHIPPING_ADDRESS1, SHIPPING_ADDRESS2,
                SHIPPING_CITY, SHIPPING_PIN, SHIPPING_STATE, SHIPPING_COUNTRY);
        IndianState placeOfSupply = null;
        if (shipping.place().isPresent()) {
            placeOfSupply = shipping.place().get();
        } else if (billing.place().isPresent()) {
            placeOfSupply = billing.place().get();
        } else if (shipping.valid() && billing.valid()) {
            head.problem(match.has(SHIPPING_STATE) ? SHIPPING_STATE : BILLING_STATE,
                    "The order has no state in its shipping or billing address, which decides the place of supply.");
        }
        String recipient = firstNonEmpty(head.text(BILLING_NAME), head.text(SHIPPING_NAME), email == null ? "" : email);
        if (recipient.isEmpty() && head.ok()) {
            head.problem(BILLING_NAME, "The order has no customer name or email to put on the invoice.");
        }
        if (recipient.length() > 255) {
            recipient = recipient.substring(0, 255);
        }
        Money shippingCharge = head.money(SHIPPING, false, Bounded.SHIPPING_CHARGE);
        Money orderDiscount = head.money(DISCOUNT, false, Bounded.DISCOUNT);
        Money expectedTotal = head.text(TOTAL).isEmpty() ? null : head.money(TOTAL, false, Bounded.ORDER_TOTAL);

        List<OrderLine> lines = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>(head.problems());
        for (SourceRecord record : group) {
            RowCheck line = new RowCheck(match, record);
            String sku = line.requiredText(SKU, 100);
            BigDecimal quantity = line.quantity(QUANTITY);
            Money price = line.money(PRICE, true, Bounded.UNIT_PRICE);
            Money lineDiscount = line.money(LINE_DISCOUNT, false, Bounded.DISCOUNT);
            String description = line.text(ITEM, 500);
            // The first row was checked for the order's fields too: report a shared problem once.
            for (RowProblem p : line.problems()) {
                if (!problems.contains(p)) {
                    problems.add(p);
                }
            }
            if (line.ok()) {
                lines.add(new OrderLine(record.row(), sku, description, quantity, price, lineDiscount));
            }
        }
        if (!problems.isEmpty()) {
            return new OrderRead(rows, new RowResult.Rejected<>(first.row(), withSiblings(match, group, orderRef, problems)));
        }
        return new OrderRead(rows, new RowResult.Accepted<>(first.row(), new OrderRecord(rows, orderRef, date, email,
                phone, paymentStatus, recipient, gstin, billing.text(), shipping.text().isEmpty() ? null : shipping.text(),
                placeOfSupply, shippingCharge, orderDiscount, expectedTotal, lines)));
    }

    /**
     * Every row of a rejected order gets a line in the report: its own problems, or a note that it was
     * not imported because of another row.
     */
    static List<RowProblem> withSiblings(HeaderMatch match, List<SourceRecord> group, String orderRef,
                                         List<RowProblem> problems) {
        List<RowProblem> all = new ArrayList<>(problems);
        StringJoiner badRows = new StringJoiner(", ");
        problems.stream().map(RowProblem::row).distinct().sorted().forEach(r -> badRows.add(Integer.toString(r)));
        for (SourceRecord record : group) {
            if (problems.stream().noneMatch(p -> p.row() == record.row())) {
                all.add(new RowProblem(record.row(), match.heading(ORDER), orderRef,
                        "Not imported: order " + orderRef + " has a problem in row " + badRows + "."));
            }
        }
        all.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return all;
    }

    private static LocalDate date(RowCheck check, HeaderMatch match) {
        LocalDate date = parsedDate(check, match);
        if (date != null && date.isBefore(DateWindow.GST_START)) {
            check.problem(DATE, match.heading(DATE) + " is " + date + "; GST invoices are dated from "
                    + DateWindow.GST_START + ".");
            return null;
        }
        return date;
    }

    private static LocalDate parsedDate(RowCheck check, HeaderMatch match) {
        String value = check.text(DATE);
        if (value.isEmpty()) {
            check.problem(DATE, match.heading(DATE) + " is required on the order's first row.");
            return null;
        }
        try {
            // The date as the merchant's timezone wrote it: an order at 00:30 IST is that day's invoice.
            return OffsetDateTime.parse(value, SHOPIFY_TIME).toLocalDate();
        } catch (DateTimeParseException ignored) {
            // try the plain date forms
        }
        try {
            return OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException ignored) {
            // try the plain date forms
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        check.problem(DATE, match.heading(DATE) + " must be a date such as 2026-10-05 or 05/10/2026, found '" + value + "'.");
        return null;
    }

    private static String phone(RowCheck check, HeaderMatch match) {
        for (String key : List.of(PHONE, BILLING_PHONE, SHIPPING_PHONE)) {
            String value = check.text(key);
            if (value.startsWith("'")) {
                value = value.substring(1);
            }
            if (!value.isEmpty()) {
                return check.validated(key, Phone.toE164(value));
            }
        }
        return null;
    }

    private record Address(String text, Optional<IndianState> place, boolean valid) {
    }

    private static Address address(RowCheck check, String company, String line1, String line2, String city,
                                   String pin, String state, String country) {
        String countryText = check.text(country);
        boolean abroad = !countryText.isEmpty() && !countryText.equalsIgnoreCase("IN") && !countryText.equalsIgnoreCase("India");
        boolean valid = true;
        Optional<IndianState> place = Optional.empty();
        String stateName = check.text(state);
        if (abroad) {
            place = Optional.of(IndianState.FOREIGN_COUNTRY);
        } else if (!stateName.isEmpty()) {
            int before = check.problems().size();
            place = check.state(state);
            valid = check.problems().size() == before;
            stateName = place.map(IndianState::displayName).orElse(stateName);
        }
        String pinText = check.text(pin);
        if (!pinText.isEmpty() && !abroad) {
            String validPin = check.validated(pin, PinCode.validate(pinText));
            pinText = validPin == null ? pinText : validPin;
        }
        StringJoiner text = new StringJoiner(", ");
        for (String part : List.of(check.text(company), check.text(line1), check.text(line2))) {
            if (!part.isEmpty()) {
                text.add(part);
            }
        }
        String cityPin = (check.text(city) + " " + pinText).strip();
        if (!cityPin.isEmpty()) {
            text.add(cityPin);
        }
        if (!stateName.isEmpty()) {
            text.add(stateName);
        }
        if (abroad) {
            text.add(countryText);
        }
        return new Address(text.toString(), place, valid);
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }
}
