package com.gstcomms.csv;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.ProcessCsvChunk;
import com.gstcomms.imports.ChunkFile;
import com.gstcomms.imports.ImportLimits;
import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The csv-split entry point: S3 ObjectCreated events through the Lambda mock event server. Everything
 * from outside the app ({@link Imports#outside()}), so {@link ImportUploadHandlerIT} reruns it against the
 * packaged function.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class ImportUploadHandlerTest {

    final Imports imports = Imports.outside();

    @Test
    void splitsAShopifyCustomerExportIntoChunksAndQueuesOneCommandPerChunk() throws IOException {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        long size = imports.upload(op, "shopify-customers-faults.csv");

        imports.postUploadEvent(op, size)
                .body("items[0].status", equalTo("SPLIT"))
                .body("items[0].rows", equalTo(32))
                .body("items[0].chunks", equalTo(3));

        BulkOperation after = imports.reload(op);
        assertThat(after.total).isEqualTo(32);
        // The two duplicates are decided while splitting: counted failed, not in any chunk.
        assertThat(after.failed).isEqualTo(2);
        assertThat(after.processed).isEqualTo(2);
        assertThat(after.status).isEqualTo(BulkOperation.Status.RUNNING);
        assertThat(after.inputKey).isEqualTo(imports.sourceKey(op));

        List<ProcessCsvChunk> commands = imports.chunkCommands(3).stream()
                .map(m -> Commands.fromJson(m.body(), ProcessCsvChunk.class)).toList();
        assertThat(commands).extracting(ProcessCsvChunk::chunkNumber).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(commands).allSatisfy(c -> {
            assertThat(c.bulkOperationId()).isEqualTo(op.id);
            assertThat(c.format()).isEqualTo("shopify-customers");
            assertThat(c.chunkKey()).isEqualTo("imports/" + shop.id + "/" + op.id + "/chunks/" + c.chunkNumber() + ".csv");
        });
        ChunkFile.Content first = ChunkFile.read(new ByteArrayInputStream(
                imports.object(commands.stream().filter(c -> c.chunkNumber() == 1).findFirst().orElseThrow().chunkKey())),
                ImportLimits.DEFAULTS);
        assertThat(first.header()).startsWith("Customer ID", "First Name", "Last Name");
        assertThat(first.records()).hasSize(10);
        assertThat(first.records().get(2).values()[6]).isEqualTo("872, MG Road\nNear Kapaleeshwarar Temple");
    }

    @Test
    void aRepeatedUploadEventDoesNotSplitTheFileAgain() {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        long size = imports.upload(op, "shopify-customers-sample.csv");

        imports.postUploadEvent(op, size).body("items[0].status", equalTo("SPLIT"));
        imports.postUploadEvent(op, size).body("items[0].status", equalTo("RESUMED"));

        // Chunks never claimed are queued again (a split interrupted after its commit); chunk workers
        // are idempotent, so the operation still counts each row once.
        assertThat(imports.chunkCommands(6)).hasSize(6);
        assertThat(imports.reload(op).total).isEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", value = {
            "an Excel workbook | 504b030414000600080000002100 | The file is an Excel workbook (.xlsx)",
            "UTF-16 text       | fffe43007500730074006f006d0065007200200049004400 | The file is UTF-16 text",
            "a PDF             | 255044462d312e370a25e2e3cfd3 | The file is a PDF document"
    })
    void refusesAFileThatIsNotUtf8CsvSayingWhatItIsAndWritesNothing(String what, String hex, String message) {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        long size = imports.upload(op, HexFormat.of().parseHex(hex));

        imports.postUploadEvent(op, size).body("items[0].status", equalTo("REFUSED"));

        assertRefusedWithNothingWritten(op, message);
    }

    @Test
    void refusesAFileMissingARequiredColumnBeforeAnyRowIsWritten() {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_PRODUCTS", "{}");
        long size = imports.upload(op, "SKU,Name,GST Rate\nKURTA-01,Cotton Kurta,5\n".getBytes(StandardCharsets.UTF_8));

        imports.postUploadEvent(op, size).body("items[0].status", equalTo("REFUSED"));

        assertRefusedWithNothingWritten(op, "missing the required column 'HSN/SAC'");
    }

    @Test
    void refusesWindows1252TextFoundAfterChunksWereStoredAndRemovesThem() {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        StringBuilder csv = new StringBuilder("Email,First Name\n");
        for (int i = 0; i < 25; i++) {
            csv.append("c").append(i).append("@example.in,Asha\n");
        }
        byte[] utf8 = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "jose@example.in,Jos\u00e9\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        byte[] file = new byte[utf8.length + bad.length];
        System.arraycopy(utf8, 0, file, 0, utf8.length);
        System.arraycopy(bad, 0, file, utf8.length, bad.length);
        long size = imports.upload(op, file);

        imports.postUploadEvent(op, size).body("items[0].status", equalTo("REFUSED"));

        assertRefusedWithNothingWritten(op, "not UTF-8: row 27, column 'First Name' (B)");
        assertThat(imports.exists("imports/" + shop.id + "/" + op.id + "/chunks/1.csv")).isFalse();
    }

    @Test
    void refusesOrdersWhenTheShopHasNoGstState() {
        Shop shop = imports.shop(null, true);
        BulkOperation op = imports.operation(shop, "IMPORT_ORDERS", "{}");
        long size = imports.upload(op, "shopify-orders-sample.csv");

        imports.postUploadEvent(op, size).body("items[0].status", equalTo("REFUSED"));

        assertRefusedWithNothingWritten(op, "The shop's GST state is not set");
    }

    @Test
    void ignoresObjectsThatAreNotAnImportSource() {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");

        io.restassured.RestAssured.given().port(Imports.MOCK_EVENT_SERVER).contentType(io.restassured.http.ContentType.JSON)
                .body(Events.s3ObjectCreated(imports.bucket(), "imports/" + shop.id + "/" + op.id + "/errors.csv", 10))
                .when().post().then().statusCode(200).body("items[0].status", equalTo("IGNORED"));

        assertThat(imports.reload(op).status).isEqualTo(BulkOperation.Status.PENDING);
    }

    private void assertRefusedWithNothingWritten(BulkOperation op, String message) {
        BulkOperation after = imports.reload(op);
        assertThat(after.status).isEqualTo(BulkOperation.Status.FAILED);
        assertThat(after.errorSummary).contains(message);
        assertThat(after.processed).isZero();
        assertThat(after.total).isNull();
        assertThat(after.finishedAt).isNotNull();
        assertThat(imports.chunkCommands(0)).isEmpty();
    }
}
