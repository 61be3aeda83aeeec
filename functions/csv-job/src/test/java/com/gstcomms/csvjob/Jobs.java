package com.gstcomms.csvjob;

import com.gstcomms.bulk.BulkRows;
import com.gstcomms.imports.CsvSource;
import com.gstcomms.imports.ImportLimits;
import com.gstcomms.imports.SourceRecord;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static io.restassured.RestAssured.given;

/**
 * What the tests do as the API would: create the shop and the bulk operation, invoke csv-job through the
 * Lambda mock event server with the API's payload, and read back the operation (JDBC, shared/bulk's
 * test-jar {@code BulkRows}) and its files (S3).
 */
final class Jobs {

    private final String bucket = appConfig("gstcomms.s3.bucket");

    /** The API's asynchronous invoke, as Lambda hands it to the function. */
    static ValidatableResponse run(BulkOperation op) {
        return given().port(MockEventServer.port()).contentType(ContentType.JSON)
                .body("{\"shopId\": %d, \"bulkOperationId\": %d, \"traceId\": \"test-job\"}".formatted(op.shopId, op.id))
                .when().post().then().statusCode(200);
    }

    Shop shop(String stateCode, boolean pricesIncludeTax) {
        return BulkRows.shop(stateCode, pricesIncludeTax);
    }

    BulkOperation operation(Shop shop, String type, String parameters) {
        return BulkRows.operation(shop, type, parameters);
    }

    BulkOperation reload(BulkOperation op) {
        return BulkRows.reload(op);
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
