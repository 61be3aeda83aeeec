package com.gstcomms.email;

import com.gstcomms.runtime.data.Channel;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class EmailQueueHandlerTest {

    @Test
    void claimsTheNotificationNamedByTheCommand() {
        Shop shop = new Shop();
        shop.shopDomain = "e-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        Notification n = new Notification();
        n.shopId = shop.id;
        n.channel = Channel.EMAIL;
        n.kind = "INVOICE_DELIVERY";
        n.recipient = "asha@example.in";
        n.idempotencyKey = UUID.randomUUID().toString();
        inTransaction(n::persist);

        String event = """
                {"Records":[{"messageId":"m-1","receiptHandle":"r-1",
                  "body":"{\\"type\\":\\"send-email\\",\\"version\\":1,\\"shopId\\":%d,\\"notificationId\\":%d}",
                  "attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},
                  "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:ap-south-1:000000000000:email","awsRegion":"ap-south-1"}]}
                """.formatted(shop.id, n.id);
        given().port(8183).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200).body("batchItemFailures", empty());

        Notification back = inTransaction(() -> Notification.<Notification>findById(n.id));
        assertThat(back.status).isEqualTo(NotificationStatus.FAILED);
    }
}
