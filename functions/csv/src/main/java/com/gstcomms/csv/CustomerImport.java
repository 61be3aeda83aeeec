package com.gstcomms.csv;

import com.gstcomms.bulk.JsonRows;
import com.gstcomms.bulk.Sql;
import com.gstcomms.imports.CustomerRecord;
import com.gstcomms.imports.CustomerRows;
import com.gstcomms.imports.CustomerRows.Field;
import com.gstcomms.imports.HeaderMatch;
import com.gstcomms.imports.RowProblem;
import com.gstcomms.imports.RowResult;
import com.gstcomms.imports.SourceRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Writes a chunk of customers in one statement: each row is matched to an existing customer on
 * (shop, Shopify ID), then (shop, email ignoring case) — the unique indexes of V1 — and updated, or
 * inserted. Only the fields the file's layout has are set (a Shopify export has no GSTIN: a GSTIN
 * entered in the app stays). A row that changes nothing is not touched, so importing the same file twice
 * changes nothing the second time (not even {@code updated_at}).
 *
 * <p>A row whose email belongs to another customer than its Shopify ID, or whose email's customer has
 * another Shopify ID, is reported, not written: merging two customers is the merchant's decision.
 */
@ApplicationScoped
class CustomerImport {

    /** The customer column each field sets, and its type in the JSON rows. */
    private static final Map<Field, String[]> COLUMNS = new EnumMap<>(Map.ofEntries(
            Map.entry(Field.SHOPIFY_ID, new String[]{"shopify_id", "bigint"}),
            Map.entry(Field.FIRST_NAME, new String[]{"first_name", "text"}),
            Map.entry(Field.LAST_NAME, new String[]{"last_name", "text"}),
            Map.entry(Field.EMAIL, new String[]{"email", "text"}),
            Map.entry(Field.PHONE, new String[]{"phone", "text"}),
            Map.entry(Field.COMPANY, new String[]{"company", "text"}),
            Map.entry(Field.GSTIN, new String[]{"gstin", "text"}),
            Map.entry(Field.ADDRESS1, new String[]{"address1", "text"}),
            Map.entry(Field.ADDRESS2, new String[]{"address2", "text"}),
            Map.entry(Field.CITY, new String[]{"city", "text"}),
            Map.entry(Field.STATE_CODE, new String[]{"state_code", "text"}),
            Map.entry(Field.PIN, new String[]{"pin", "text"}),
            Map.entry(Field.COUNTRY_CODE, new String[]{"country_code", "text"}),
            Map.entry(Field.TAGS, new String[]{"tags", "text[]"}),
            Map.entry(Field.EMAIL_OPT_IN, new String[]{"email_opt_in", "boolean"}),
            Map.entry(Field.WHATSAPP_OPT_IN, new String[]{"whatsapp_opt_in", "boolean"}),
            Map.entry(Field.LOCALE, new String[]{"locale", "text"})));

    private final Map<Set<Field>, String> statements = new ConcurrentHashMap<>();

    ChunkWork prepare(long shopId, HeaderMatch match, List<SourceRecord> records) {
        List<RowProblem> problems = new ArrayList<>();
        JsonRows rows = new JsonRows();
        int rejected = 0;
        for (SourceRecord record : records) {
            RowResult<CustomerRecord> result = CustomerRows.read(match, record);
            if (result instanceof RowResult.Rejected<CustomerRecord> bad) {
                problems.addAll(bad.problems());
                rejected++;
                continue;
            }
            CustomerRecord c = ((RowResult.Accepted<CustomerRecord>) result).value();
            rows.row().put("row_no", (long) c.row()).put("shopify_id", c.shopifyId())
                    .put("first_name", c.firstName()).put("last_name", c.lastName()).put("email", c.email())
                    .put("phone", c.phone()).put("company", c.company()).put("gstin", c.gstin())
                    .put("address1", c.address1()).put("address2", c.address2()).put("city", c.city())
                    .put("state_code", c.stateCode()).put("pin", c.pin()).put("country_code", c.countryCode())
                    .put("tags", c.tags()).put("email_opt_in", c.emailOptIn())
                    .put("whatsapp_opt_in", c.whatsappOptIn()).put("locale", c.locale());
        }
        int good = rows.size();
        int bad = rejected;
        if (good == 0) {
            return () -> Uni.createFrom().item(new ChunkWork.Written(0, bad, problems, List.of()));
        }
        String sql = statements.computeIfAbsent(CustomerRows.fieldsSet(match), CustomerImport::upsert);
        String json = rows.json();
        return () -> Sql.preferIndexes().chain(() -> Sql.rows(sql, Map.of("shopId", shopId, "rows", json))).map(conflicts -> {
            List<RowProblem> all = new ArrayList<>(problems);
            for (Object[] conflict : conflicts) {
                all.add(conflict(match, records, Sql.intValue(conflict[0]), Sql.text(conflict[1])));
            }
            return new ChunkWork.Written(good - conflicts.size(), bad + conflicts.size(), all, List.of());
        });
    }

    private static RowProblem conflict(HeaderMatch match, List<SourceRecord> records, int row, String kind) {
        SourceRecord record = records.stream().filter(r -> r.row() == row).findFirst().orElseThrow();
        if (kind.equals("EMAIL_TAKEN")) {
            return new RowProblem(row, match.heading(CustomerRows.EMAIL), match.raw(record, CustomerRows.EMAIL),
                    "This email address belongs to another customer than the one with this Shopify customer ID; "
                            + "not imported (merge or correct the customers first).");
        }
        return new RowProblem(row, match.heading(CustomerRows.SHOPIFY_ID), match.raw(record, CustomerRows.SHOPIFY_ID),
                "The customer with this email address has another Shopify customer ID; not imported.");
    }

    /** The upsert for the fields a layout sets (column names come from the enum above, never from input). */
    static String upsert(Set<Field> fields) {
        String recordType = COLUMNS.values().stream().map(c -> c[0] + " " + c[1]).collect(Collectors.joining(", "));
        List<String> sets = new ArrayList<>();
        List<String> olds = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (Field field : fields) {
            String column = COLUMNS.get(field)[0];
            String value = switch (field) {
                case SHOPIFY_ID -> "coalesce(d.shopify_id, c.shopify_id)";
                case TAGS -> "coalesce(d.tags, '{}')";
                case LOCALE -> "coalesce(d.locale, c.locale)";
                default -> "d." + column;
            };
            sets.add(column + " = " + value);
            olds.add("c." + column);
            news.add(value);
        }
        if (fields.contains(Field.WHATSAPP_OPT_IN)) {
            // When the customer said yes on WhatsApp matters to Meta's opt-in policy: keep the first yes.
            sets.add("whatsapp_opt_in_at = case when d.whatsapp_opt_in and not c.whatsapp_opt_in then now()"
                    + " when not d.whatsapp_opt_in then null else c.whatsapp_opt_in_at end");
        }
        return """
                with input as (
                    select * from json_to_recordset(cast(cast(:rows as text) as json)) as t(row_no integer, %s)
                ),
                matched as materialized (
                    select i.*, by_id.id as by_id, by_email.id as by_email, by_email.shopify_id as email_owner_shopify_id
                      from input i
                      left join lateral (select c.id from customer c
                                          where c.shop_id = :shopId and c.shopify_id = i.shopify_id) by_id on true
                      left join lateral (select c.id, c.shopify_id from customer c
                                          where c.shop_id = :shopId and lower(c.email) = lower(i.email)) by_email on true
                ),
                decided as (
                    select m.*, coalesce(m.by_id, m.by_email) as target,
                           case when m.by_id is not null and m.by_email is not null and m.by_id <> m.by_email
                                    then 'EMAIL_TAKEN'
                                when m.by_id is null and m.shopify_id is not null and m.email_owner_shopify_id is not null
                                     and m.email_owner_shopify_id <> m.shopify_id
                                    then 'OTHER_SHOPIFY_ID'
                           end as conflict
                      from matched m
                ),
                updated as (
                    update customer c set %s, updated_at = now()
                      from decided d
                     where c.id = d.target and d.conflict is null
                       and (%s) is distinct from (%s)
                    returning c.id
                ),
                inserted as (
                    insert into customer (id, shop_id, shopify_id, first_name, last_name, email, phone, company, gstin,
                                          address1, address2, city, state_code, pin, country_code, tags, email_opt_in,
                                          whatsapp_opt_in, whatsapp_opt_in_at, locale, created_at, updated_at)
                    select nextval('customer_seq'), :shopId, d.shopify_id, d.first_name, d.last_name, d.email, d.phone,
                           d.company, d.gstin, d.address1, d.address2, d.city, d.state_code, d.pin, d.country_code,
                           coalesce(d.tags, '{}'), coalesce(d.email_opt_in, false), coalesce(d.whatsapp_opt_in, false),
                           case when d.whatsapp_opt_in then now() end, coalesce(d.locale, 'en'), now(), now()
                      from decided d
                     where d.target is null
                    returning id
                )
                select d.row_no, d.conflict from decided d where d.conflict is not null
                """.formatted(recordType, String.join(", ", sets),
                "row(" + String.join(", ", olds) + ")", "row(" + String.join(", ", news) + ")");
    }
}
