package com.gstcomms.bulk;

import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.Sql;

import java.util.Map;
import java.util.UUID;

/**
 * The rows the API writes before an import or a job runs — a shop and its bulk operation — and the
 * operation read back, all with JDBC from outside the app, so the tests of csv and csv-job (this module's
 * test-jar) also run against a packaged function.
 */
public final class BulkRows {

    private BulkRows() {
    }

    private static Sql db() {
        return Sql.ofApp();
    }

    public static Shop shop(String stateCode, boolean pricesIncludeTax) {
        Shop shop = new Shop();
        shop.shopDomain = "csv-" + UUID.randomUUID() + ".myshopify.com";
        shop.legalName = "Chai Point Traders";
        shop.stateCode = stateCode;
        shop.pricesIncludeTax = pricesIncludeTax;
        shop.id = db().insert("shop", "shop_domain", shop.shopDomain, "legal_name", shop.legalName,
                "state_code", stateCode, "prices_include_tax", pricesIncludeTax);
        return shop;
    }

    public static BulkOperation operation(Shop shop, String type, String parameters) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = type;
        op.parameters = parameters;
        op.createdBy = "owner@" + shop.shopDomain;
        op.id = db().insert("bulk_operation", "shop_id", op.shopId, "type", type, "status", op.status.name(),
                "parameters", Sql.json(parameters), "created_by", op.createdBy);
        return op;
    }

    /** The operation as stored now (read with JDBC). */
    public static BulkOperation reload(BulkOperation op) {
        Map<String, Object> row = db().row("select * from bulk_operation where id = ?", op.id)
                .orElseThrow(() -> new AssertionError("no bulk operation " + op.id));
        BulkOperation back = new BulkOperation();
        back.id = op.id;
        back.shopId = ((Number) row.get("shop_id")).longValue();
        back.type = (String) row.get("type");
        back.status = BulkOperation.Status.valueOf((String) row.get("status"));
        back.total = (Integer) row.get("total");
        back.processed = (Integer) row.get("processed");
        back.succeeded = (Integer) row.get("succeeded");
        back.failed = (Integer) row.get("failed");
        back.inputKey = (String) row.get("input_key");
        back.outputKey = (String) row.get("output_key");
        back.errorReportKey = (String) row.get("error_report_key");
        back.errorSummary = (String) row.get("error_summary");
        back.parameters = (String) row.get("parameters");
        back.createdBy = (String) row.get("created_by");
        back.startedAt = Sql.time(row.get("started_at"));
        back.finishedAt = Sql.time(row.get("finished_at"));
        back.updatedAt = Sql.time(row.get("updated_at"));
        return back;
    }
}
