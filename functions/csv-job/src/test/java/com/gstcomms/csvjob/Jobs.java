package com.gstcomms.csvjob;

import com.gstcomms.imports.CsvSource;
import com.gstcomms.imports.ImportLimits;
import com.gstcomms.imports.SourceRecord;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static io.restassured.RestAssured.given;

/**
 * What the tests do as the API would: create the shop and the bulk operation, invoke csv-job through the
 * Lambda mock event server with the API's payload, and read back the operation (JDBC) and its files (S3).
 */
final class Jobs {

    private final String bucket = appConfig("gstcomms.s3.bucket");

    private static Sql db() {
        return Sql.ofApp();
    }

    /** The API's asynchronous invoke, as Lambda hands it to the function. */
    static ValidatableResponse run(BulkOperation op) {
        return given().port(MockEventServer.port()).contentType(ContentType.JSON)
                .body("{\"shopId\": %d, \"bulkOperationId\": %d, \"traceId\": \"test-job\"}".formatted(op.shopId, op.id))
                .when().post().then().statusCode(200);
    }

    Shop shop(String stateCode, boolean pricesIncludeTax) {
        Shop shop = new Shop();
        shop.shopDomain = "csv-job-" + UUID.randomUUID() + ".myshopify.com";
        shop.legalName = "Chai Point Traders";
        shop.stateCode = stateCode;
        shop.pricesIncludeTax = pricesIncludeTax;
        shop.id = db().insert("shop", "shop_domain", shop.shopDomain, "legal_name", shop.legalName,
                "state_code", stateCode, "prices_include_tax", pricesIncludeTax);
        return shop;
    }

    BulkOperation operation(Shop shop, String type, String parameters) {
        BulkOperation op = new BulkOperation();
        op.shopId = shop.id;
        op.type = type;
        op.parameters = parameters;
        op.createdBy = "owner@" + shop.shopDomain;
        op.id = db().insert("bulk_operation", "shop_id", op.shopId, "type", type, "status", op.status.name(),
                "parameters", Sql.json(parameters), "created_by", op.createdBy);
        return op;
    }

    /** The operation as stored now (read with JDBC): the fields the tests look at. */
    BulkOperation reload(BulkOperation op) {
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
        back.outputKey = (String) row.get("output_key");
        back.errorReportKey = (String) row.get("error_report_key");
        back.errorSummary = (String) row.get("error_summary");
        return back;
    }

    byte[] object(String key) {
        return LocalServers.s3().client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** An export or error report read back as rows of cells (header included), by the import's parser. */
    List<List<String>> csv(String key) {
        try (var source = CsvSource.open(new ByteArrayInputStream(object(key)), ImportLimits.DEFAULTS)) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(source.header());
            for (SourceRecord r; (r = source.next()) != null; ) {
                rows.add(List.of(r.values()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
