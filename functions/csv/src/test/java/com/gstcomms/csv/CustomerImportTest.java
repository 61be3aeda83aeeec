package com.gstcomms.csv;

import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

/**
 * Customer imports end to end: the split, then every chunk command through the csv-chunk entry point
 * of the mock event server, against real S3, SQS and PostgreSQL.
 */
@QuarkusTest
@TestProfile(ChunkHandlerProfile.class)
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class CustomerImportTest {

    @Inject
    Imports imports;

    private BulkOperation importFile(Shop shop, String resource) {
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        SplitOutcome split = imports.split(op, imports.upload(op, resource));
        List<Message> chunks = imports.chunkCommands(split.chunks());
        assertThat(chunks).hasSize(split.chunks());
        imports.deliverChunks(chunks, 1).forEach(r -> r.body("batchItemFailures", empty()));
        return imports.reload(op);
    }

    private static List<Customer> customers(Shop shop) {
        return inSession(() -> Customer.<Customer>list("shopId = ?1 order by shopifyId", shop.id));
    }

    @Test
    void aFileWhoseEveryRowIsRefusedEndsFailedWithItsErrorReport() {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        byte[] file = ("Customer ID,First Name,Last Name,Email,Default Address Zip\r\n"
                + ",Asha,Rao,asha-at-example.in,411001\r\n"
                + ",Ravi,Iyer,ravi@example.in,4000\r\n").getBytes(StandardCharsets.UTF_8);
        SplitOutcome split = imports.split(op, imports.upload(op, file));
        imports.deliverChunks(imports.chunkCommands(split.chunks()), 1).forEach(r -> r.body("batchItemFailures", empty()));

        BulkOperation done = imports.reload(op);
        assertThat(done.status).isEqualTo(BulkOperation.Status.FAILED);
        assertThat(done.succeeded).isZero();
        assertThat(done.failed).isEqualTo(2);
        assertThat(customers(shop)).isEmpty();
        assertThat(imports.csv(done.errorReportKey)).extracting(row -> row.get(0)).containsExactly("Row", "2", "3");
    }

    @Test
    void importsTheGoodRowsOfAShopifyExportAndReportsEachBadOneByRowAndColumn() {
        Shop shop = imports.shop("27", true);

        BulkOperation op = importFile(shop, "shopify-customers-faults.csv");

        assertThat(op.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(op.total).isEqualTo(32);
        assertThat(op.processed).isEqualTo(32);
        assertThat(op.succeeded).isEqualTo(24);
        assertThat(op.failed).isEqualTo(8);
        assertThat(op.finishedAt).isNotNull();

        List<Customer> customers = customers(shop);
        assertThat(customers).hasSize(24);
        Map<Long, Customer> byId = customers.stream().collect(Collectors.toMap(c -> c.shopifyId, c -> c));
        Customer zoe = byId.get(7000000000001L);
        assertThat(zoe.firstName).isEqualTo("Zoë");
        assertThat(zoe.lastName).isEqualTo("वर्मा");
        assertThat(zoe.phone).isEqualTo("+917605671256");
        assertThat(zoe.stateCode).isEqualTo("29");
        assertThat(zoe.pin).isEqualTo("560001");
        Customer arjun = byId.get(7000000000002L);
        assertThat(arjun.address1).isEqualTo("872, MG Road\nNear Kapaleeshwarar Temple");
        assertThat(arjun.tags).containsExactly("vip", "wholesale", "\"quoted\"");
        Customer rahul = byId.get(7000000000029L);
        assertThat(rahul.email).isEqualTo("Rahul.Sharma@example.in");
        assertThat(rahul.emailOptIn).isTrue();
        assertThat(rahul.address2).isEqualTo("Flat 3");
        // Telangana's Shopify code TS is GST state 36; the duplicate email row 11 was not written.
        assertThat(byId.get(7000000000008L).stateCode).isEqualTo("36");
        assertThat(byId).doesNotContainKeys(7000000000009L, 7000000000010L, 7000000000025L, 7000000000028L);

        assertThat(op.errorReportKey).isEqualTo("imports/" + shop.id + "/" + op.id + "/errors.csv");
        assertThat(new String(imports.object(op.errorReportKey), StandardCharsets.UTF_8))
                .startsWith("\uFEFFRow,Column,Value,Reason\r\n");
        assertThat(imports.csv(op.errorReportKey)).containsExactly(
                List.of("Row", "Column", "Value", "Reason"),
                List.of("11", "Email", "CUSTOMER5.B@EXAMPLE.IN",
                        "Duplicate of row 7 (the same email address (case ignored)); only the first is imported."),
                List.of("12", "Default Address Zip", "4000", "PIN code '4000' must be 6 digits, found 4."),
                List.of("28", "Email", "kavya@example", "Email address 'kavya@example' has no '.' in its domain 'example'."),
                // Cells that would run as formulas in Excel are defused with an apostrophe.
                List.of("29", "Phone", "'+91 12345", "Phone number '+91 12345' is too short."),
                List.of("30", "Customer ID", "'7000000000000",
                        "Duplicate of row 2 (the same Shopify customer ID); only the first is imported."),
                List.of("31", "Default Address Province Code", "XX", "Default Address Province Code 'XX' is not an "
                        + "Indian state or union territory (use a code like MH or 27, or the name)."),
                List.of("32", "Email", "", "An email address is required when the row has no Shopify customer ID."),
                List.of("33", "Email", "'=1+2", "Email address '=1+2' has no '@'."));
    }

    @Test
    void importingTheSameFileTwiceChangesNothingTheSecondTime() {
        Shop shop = imports.shop("27", true);
        importFile(shop, "shopify-customers-faults.csv");
        Map<Long, OffsetDateTime> updatedAt = customers(shop).stream()
                .collect(Collectors.toMap(c -> c.id, c -> c.updatedAt));

        BulkOperation again = importFile(shop, "shopify-customers-faults.csv");

        assertThat(again.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(again.succeeded).isEqualTo(24);
        assertThat(again.failed).isEqualTo(8);
        assertThat(customers(shop).stream().collect(Collectors.toMap(c -> c.id, c -> c.updatedAt)))
                .isEqualTo(updatedAt);
    }

    @Test
    void aChunkDeliveredTwiceCountsOnce() {
        Shop shop = imports.shop("27", true);
        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        SplitOutcome split = imports.split(op, imports.upload(op, "shopify-customers-sample.csv"));
        List<Message> chunks = imports.chunkCommands(split.chunks());
        Message first = chunks.getFirst();

        imports.deliverChunks(List.of(first), 1).getFirst().body("batchItemFailures", empty());
        BulkOperation once = imports.reload(op);
        imports.deliverChunks(List.of(first, first), 2).getFirst().body("batchItemFailures", empty());

        BulkOperation twice = imports.reload(op);
        // 10 rows of the chunk plus the duplicate of row 11, counted by the split.
        assertThat(twice.processed).isEqualTo(once.processed).isEqualTo(11);
        assertThat(twice.succeeded).isEqualTo(once.succeeded);
        // Chunk 1 holds rows 2-10 and 12 (row 11 was a duplicate); row 12's PIN is wrong.
        assertThat(customers(shop)).hasSize(9);

        imports.deliverChunks(chunks.subList(1, chunks.size()), 1);
        BulkOperation done = imports.reload(op);
        assertThat(done.status).isEqualTo(BulkOperation.Status.COMPLETED_WITH_ERRORS);
        assertThat(done.processed).isEqualTo(25);
        assertThat(done.succeeded).isEqualTo(23);
    }

    @Test
    void keepsACustomerMatchedByEmailAndDoesNotMergeTwoCustomers() {
        Shop shop = imports.shop("27", true);
        Customer existing = new Customer();
        existing.shopId = shop.id;
        existing.email = "customer3.b@example.in";
        existing.gstin = "27AAPFU0939F1ZV";
        com.gstcomms.runtime.work.Transactions.inTransaction(existing::persist);
        Customer other = new Customer();
        other.shopId = shop.id;
        other.shopifyId = 7000000000004L;
        other.email = "someone.else@example.in";
        com.gstcomms.runtime.work.Transactions.inTransaction(other::persist);

        BulkOperation op = imports.operation(shop, "IMPORT_CUSTOMERS", "{}");
        byte[] file = ("Customer ID,First Name,Last Name,Email\r\n"
                + "'7000000000003,Divya,D'Souza,Customer3.B@example.in\r\n"
                + "'7000000000004,Divya,Reddy,customer3.b+x@example.in\r\n"
                + "'7000000000099,Asha,Rao,someone.else@example.in\r\n").getBytes(StandardCharsets.UTF_8);
        SplitOutcome split = imports.split(op, imports.upload(op, file));
        imports.deliverChunks(imports.chunkCommands(split.chunks()), 1);

        Customer matched = inSession(() -> Customer.<Customer>findById(existing.id));
        assertThat(matched.shopifyId).isEqualTo(7000000000003L);
        assertThat(matched.firstName).isEqualTo("Divya");
        // The Shopify export has no GSTIN column: the GSTIN entered in the app stays.
        assertThat(matched.gstin).isEqualTo("27AAPFU0939F1ZV");
        assertThat(inSession(() -> Customer.<Customer>findById(other.id)).email).isEqualTo("customer3.b+x@example.in");
        BulkOperation done = imports.reload(op);
        assertThat(done.succeeded).isEqualTo(2);
        assertThat(done.failed).isEqualTo(1);
        assertThat(imports.csv(done.errorReportKey)).element(1).isEqualTo(List.of("4", "Customer ID", "'7000000000099",
                "The customer with this email address has another Shopify customer ID; not imported."));
    }
}
