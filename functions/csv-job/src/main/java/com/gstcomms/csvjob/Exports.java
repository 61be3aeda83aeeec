package com.gstcomms.csvjob;

import com.gstcomms.bulk.BulkOperations;
import com.gstcomms.bulk.CsvConfig;
import com.gstcomms.bulk.PagedCsv;
import com.gstcomms.bulk.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.time.India;
import com.gstcomms.imports.SpreadsheetCells;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.storage.ObjectStore;
import com.gstcomms.runtime.work.BulkProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Exports customers, invoices or the notification log (with filters) to {@code exports/{shop}/{op}.csv}:
 * streamed page by page into a multipart upload (never the whole export in memory), UTF-8 with a byte
 * order mark so Excel reads Devanagari, and every text cell defused against formulas (OWASP CSV
 * injection: = + - @ tab CR get a leading apostrophe). Amounts we format ourselves are left as numbers.
 *
 * <p>The customer export uses the headings of our customer template, so it can be imported back.
 * The export is unit 1 of its bulk operation: a repeated invocation finds it done and does nothing.
 */
@ApplicationScoped
class Exports {

    private static final Logger LOG = Logger.getLogger(Exports.class);
    private static final int UNIT = 1;

    enum Kind { CUSTOMERS, INVOICES, NOTIFICATIONS }

    private final ObjectStore store;
    private final BulkProgress progress;
    private final BulkOperations operations;
    private final CsvConfig config;
    private final Clock clock;

    Exports(ObjectStore store, BulkProgress progress, BulkOperations operations, CsvConfig config, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.progress = progress;
        this.operations = operations;
        this.config = config;
    }

    BulkJobOutcome run(BulkOperation op, Kind kind) {
        long shopId = op.shopId;
        String key = "exports/" + shopId + "/" + op.id + ".csv";
        if (op.status.finished()) {
            return new BulkJobOutcome(op.id, op.status.name(), op.total == null ? 0 : op.total, op.succeeded, op.failed,
                    op.outputKey, null, "already finished");
        }
        Query query;
        try {
            query = query(kind, shopId, BulkOperations.parameters(op).path("filters"));
        } catch (IllegalArgumentException bad) {
            inTransaction(() -> operations.fail(shopId, op.id, bad.getMessage()));
            return BulkJobOutcome.of(op.id, "FAILED", bad.getMessage());
        }
        if (!inTransaction(() -> progress.claim(shopId, op.id, UNIT, config.jobLease()))) {
            return BulkJobOutcome.of(op.id, "IN_PROGRESS", "being exported by another invocation");
        }
        try {
            long counted = inSession(() -> Sql.column("select count(*) from (" + query.select() + ") counted",
                    Long.class, query.parameters())).getFirst();
            inTransaction(() -> operations.setTotal(shopId, op.id, (int) counted));
            long[] after = {0};
            PagedCsv csv = new PagedCsv(kind == Kind.CUSTOMERS ? CUSTOMER_HEADINGS
                    : kind == Kind.INVOICES ? INVOICE_HEADINGS : NOTIFICATION_HEADINGS, () -> {
                Map<String, Object> parameters = new HashMap<>(query.parameters());
                parameters.put("after", after[0]);
                parameters.put("page", config.exportPageRows());
                List<Object[]> rows = inSession(() -> Sql.rows(query.select()
                        + " and x.id > :after order by x.id limit :page", parameters));
                List<List<String>> lines = new ArrayList<>(rows.size());
                for (Object[] row : rows) {
                    after[0] = Sql.longValue(row[0]);
                    lines.add(query.format().apply(row));
                }
                return lines;
            });
            store.put(key, csv, "text/csv; charset=utf-8");
            int rows = (int) csv.rows();
            Optional<String> status = inTransaction(() -> operations.setTotal(shopId, op.id, rows)
                    .chain(() -> operations.setOutput(shopId, op.id, key))
                    .chain(() -> progress.complete(shopId, op.id, UNIT, rows, 0)));
            String fileName = kind.name().toLowerCase(Locale.ROOT) + "-" + LocalDate.now(clock.withZone(India.ZONE)) + ".csv";
            String link = store.presignGet(key, config.downloadLinkTtl(), Optional.of(fileName)).toString();
            LOG.infof("Exported %d %s of shop %d to %s", rows, kind.name().toLowerCase(Locale.ROOT), shopId, key);
            return new BulkJobOutcome(op.id, status.orElse("COMPLETED"), rows, rows, 0, key, link, null);
        } catch (RuntimeException e) {
            inTransaction(() -> progress.release(shopId, op.id, UNIT));
            throw e;
        }
    }

    /** A filtered select over {@code x} whose first column is {@code x.id}, and how a row becomes cells. */
    record Query(String select, Map<String, Object> parameters, Function<Object[], List<String>> format) {
    }

    static final List<String> CUSTOMER_HEADINGS = List.of("Shopify ID", "First Name", "Last Name", "Email", "Phone",
            "Company", "GSTIN", "Address Line 1", "Address Line 2", "City", "State", "PIN", "Country Code", "Tags",
            "Email Opt In", "WhatsApp Opt In", "Language", "Created At");
    static final List<String> INVOICE_HEADINGS = List.of("Invoice Number", "Invoice Date", "Order", "Customer",
            "Customer GSTIN", "Place of Supply", "Taxable Value", "CGST", "SGST", "IGST", "Cess", "Round Off", "Total",
            "Amount Paid", "Status", "Due Date");
    static final List<String> NOTIFICATION_HEADINGS = List.of("Created At", "Channel", "Kind", "Recipient", "Status",
            "Provider", "Provider Message ID", "Sent At", "Delivered At", "Opened At", "Clicked At", "Read At",
            "Failed At", "Error Code", "Error Message", "Campaign ID", "Invoice ID", "Customer ID");

    static Query query(Kind kind, long shopId, JsonNode filters) {
        Conditions where = new Conditions(shopId, filters);
        return switch (kind) {
            case CUSTOMERS -> {
                where.text("tag", ":tag = any(x.tags)");
                where.bool("emailOptIn", "x.email_opt_in = :emailOptIn");
                where.bool("whatsappOptIn", "x.whatsapp_opt_in = :whatsappOptIn");
                where.search("search", "(x.email ilike :search or x.first_name ilike :search or x.last_name ilike :search"
                        + " or x.phone like :search or x.company ilike :search)");
                where.time("createdFrom", "x.created_at >= cast(:createdFrom as timestamptz)");
                where.time("createdTo", "x.created_at < cast(:createdTo as timestamptz)");
                yield new Query("""
                        select x.id, x.shopify_id, x.first_name, x.last_name, x.email, x.phone, x.company, x.gstin,
                               x.address1, x.address2, x.city, x.state_code, x.pin, x.country_code,
                               array_to_string(x.tags, ', '), x.email_opt_in, x.whatsapp_opt_in, x.locale,
                               to_char(x.created_at at time zone '%s', 'YYYY-MM-DD HH24:MI:SS')
                          from customer x where %s""".formatted(India.ZONE_NAME, where.sql()), where.parameters(), row -> {
                    List<String> cells = new ArrayList<>();
                    cells.add(row[1] == null ? "" : row[1].toString());
                    for (int i = 2; i <= 10; i++) {
                        cells.add(text(row[i]));
                    }
                    cells.add(row[11] == null ? "" : IndianState.byCode(row[11].toString())
                            .flatMap(IndianState::isoCode).orElse(row[11].toString()));
                    cells.add(text(row[12]));
                    cells.add(text(row[13]));
                    cells.add(text(row[14]));
                    cells.add(yesNo(row[15]));
                    cells.add(yesNo(row[16]));
                    cells.add(text(row[17]));
                    cells.add(Sql.text(row[18]));
                    return cells;
                });
            }
            case INVOICES -> {
                where.text("status", "x.status = :status");
                where.date("from", "x.issue_date >= cast(:from as date)");
                where.date("to", "x.issue_date <= cast(:to as date)");
                where.id("customerId", "x.customer_id = :customerId");
                where.text("orderRef", "x.order_ref = :orderRef");
                yield new Query("""
                        select x.id, x.number, to_char(x.issue_date, 'YYYY-MM-DD'), x.order_ref, x.recipient_name,
                               x.recipient_gstin, x.place_of_supply, x.taxable_paise, x.cgst_paise, x.sgst_paise,
                               x.igst_paise, x.cess_paise, x.round_off_paise, x.grand_total_paise, x.amount_paid_paise,
                               x.status, to_char(x.due_date, 'YYYY-MM-DD')
                          from invoice x where %s""".formatted(where.sql()), where.parameters(), row -> List.of(
                        text(row[1]), Sql.text(row[2]), text(row[3]), text(row[4]), text(row[5]),
                        IndianState.byCode(Sql.text(row[6])).map(IndianState::withCode).orElse(Sql.text(row[6])),
                        money(row[7]), money(row[8]), money(row[9]), money(row[10]), money(row[11]), money(row[12]),
                        money(row[13]), money(row[14]), Sql.text(row[15]), Sql.text(row[16])));
            }
            case NOTIFICATIONS -> {
                where.text("status", "x.status = :status");
                where.text("channel", "x.channel = :channel");
                where.text("kind", "x.kind = :kind");
                where.id("campaignId", "x.campaign_id = :campaignId");
                where.id("customerId", "x.customer_id = :customerId");
                where.time("from", "x.created_at >= cast(:from as timestamptz)");
                where.time("to", "x.created_at < cast(:to as timestamptz)");
                String at = "to_char(x.%s at time zone '" + India.ZONE_NAME + "', 'YYYY-MM-DD HH24:MI:SS')";
                yield new Query("""
                        select x.id, %s, x.channel, x.kind, x.recipient, x.status, x.provider, x.provider_message_id,
                               %s, %s, %s, %s, %s, %s, x.error_code, x.error_message, x.campaign_id, x.invoice_id,
                               x.customer_id
                          from notification x where %s""".formatted(at.formatted("created_at"), at.formatted("sent_at"),
                        at.formatted("delivered_at"), at.formatted("opened_at"), at.formatted("clicked_at"),
                        at.formatted("read_at"), at.formatted("failed_at"), where.sql()), where.parameters(), row -> {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= 15; i++) {
                        cells.add(text(row[i]));
                    }
                    for (int i = 16; i <= 18; i++) {
                        cells.add(row[i] == null ? "" : row[i].toString());
                    }
                    return cells;
                });
            }
        };
    }

    /** Text a merchant or customer typed: defused. */
    private static String text(Object value) {
        return SpreadsheetCells.defuse(value == null ? "" : value.toString());
    }

    private static String money(Object paise) {
        return paise == null ? "" : Money.ofPaise(Sql.longValue(paise)).toString();
    }

    private static String yesNo(Object value) {
        return Boolean.TRUE.equals(value) ? "yes" : "no";
    }

    /** The WHERE clause of an export: always the shop, then the filters given, each checked. */
    static final class Conditions {
        private final JsonNode filters;
        private final List<String> clauses = new ArrayList<>();
        private final Map<String, Object> parameters = new HashMap<>();

        Conditions(long shopId, JsonNode filters) {
            this.filters = filters == null || filters.isMissingNode() || filters.isNull()
                    ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : filters;
            clauses.add("x.shop_id = :shopId");
            parameters.put("shopId", shopId);
        }

        void text(String name, String clause) {
            JsonNode value = filters.path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                clauses.add(clause);
                parameters.put(name, value.asText());
            }
        }

        void search(String name, String clause) {
            JsonNode value = filters.path(name);
            if (value.isTextual() && !value.asText().isBlank()) {
                clauses.add(clause);
                parameters.put(name, "%" + value.asText().strip().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%");
            }
        }

        void bool(String name, String clause) {
            JsonNode value = filters.path(name);
            if (value.isBoolean()) {
                clauses.add(clause);
                parameters.put(name, value.asBoolean());
            } else if (!value.isMissingNode() && !value.isNull()) {
                throw new IllegalArgumentException("Export filter '" + name + "' must be true or false, found " + value + ".");
            }
        }

        void id(String name, String clause) {
            JsonNode value = filters.path(name);
            if (value.canConvertToLong() && value.asLong() > 0) {
                clauses.add(clause);
                parameters.put(name, value.asLong());
            } else if (!value.isMissingNode() && !value.isNull()) {
                throw new IllegalArgumentException("Export filter '" + name + "' must be an id, found " + value + ".");
            }
        }

        void date(String name, String clause) {
            JsonNode value = filters.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return;
            }
            try {
                parameters.put(name, LocalDate.parse(value.asText()).toString());
                clauses.add(clause);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Export filter '" + name + "' must be a date like 2026-04-01, found "
                        + value + ".");
            }
        }

        /** An ISO date-time with offset, or a date (midnight in India). */
        void time(String name, String clause) {
            JsonNode value = filters.path(name);
            if (value.isMissingNode() || value.isNull()) {
                return;
            }
            String text = value.asText();
            try {
                parameters.put(name, OffsetDateTime.parse(text).toString());
            } catch (DateTimeParseException notTime) {
                try {
                    parameters.put(name, LocalDate.parse(text).atStartOfDay(India.ZONE).toOffsetDateTime().toString());
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("Export filter '" + name + "' must be a date or date-time, found "
                            + value + ".");
                }
            }
            clauses.add(clause);
        }

        String sql() {
            return String.join(" and ", clauses);
        }

        Map<String, Object> parameters() {
            return parameters;
        }
    }
}
