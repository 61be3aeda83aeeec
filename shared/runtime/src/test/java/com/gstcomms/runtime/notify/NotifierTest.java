package com.gstcomms.runtime.notify;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class NotifierTest {

    @Inject
    Notifier notifier;

    @Inject
    QueuesConfig queues;

    @Inject
    SqsClient sqs;

    private long shopId;
    private Customer optedIn;
    private Customer emailOnly;

    @BeforeEach
    void shopWithCustomers() {
        Shop shop = new Shop();
        shop.shopDomain = "notify-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        shopId = shop.id;
        optedIn = customer("asha@example.in", "+919876543210", true);
        emailOnly = customer("ravi@example.in", "+919812345678", false);
    }

    private Customer customer(String email, String phone, boolean whatsapp) {
        Customer c = new Customer();
        c.shopId = shopId;
        c.email = email;
        c.phone = phone;
        c.whatsappOptIn = whatsapp;
        c.locale = "hi";
        inTransaction(c::persist);
        return c;
    }

    private NotificationRequest request(Long customerId, Channel channel, String key, OffsetDateTime at) {
        return new NotificationRequest(shopId, customerId, channel, "ORDER_CONFIRMATION", null, null, null,
                Map.of("orderName", "#IN1001", "total", "3396.00"), List.of(), null, null, null, key, at, false);
    }

    @Test
    void autoPicksWhatsAppForAnOptedInCustomerAndEmailOtherwise() {
        var whatsapp = inTransaction(() -> notifier.create(request(optedIn.id, null, "k1", null))).notification();
        var email = inTransaction(() -> notifier.create(request(emailOnly.id, null, "k2", null))).notification();
        assertThat(whatsapp.channel).isEqualTo(Channel.WHATSAPP);
        assertThat(whatsapp.recipient).isEqualTo("+919876543210");
        assertThat(whatsapp.locale).isEqualTo("hi");
        assertThat(email.channel).isEqualTo(Channel.EMAIL);
        assertThat(email.recipient).isEqualTo("ravi@example.in");
        assertThat(email.variables).contains("#IN1001");
        assertThat(email.status).isEqualTo(NotificationStatus.QUEUED);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstNotificationAndCreatesNothing() {
        var first = inTransaction(() -> notifier.create(request(optedIn.id, Channel.EMAIL, "same", null)));
        var again = inTransaction(() -> notifier.create(request(optedIn.id, Channel.WHATSAPP, "same", null)));
        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(again.notification().id).isEqualTo(first.notification().id);
        assertThat(again.notification().channel).isEqualTo(Channel.EMAIL);
    }

    @Test
    void aFutureSendTimeIsStoredForTheScheduler() {
        OffsetDateTime later = OffsetDateTime.now().plusHours(3);
        var n = inTransaction(() -> notifier.create(request(optedIn.id, Channel.EMAIL, "later", later))).notification();
        assertThat(n.status).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(n.scheduledAt).isAtSameInstantAs(later);
    }

    @Test
    void refusesACustomerOfAnotherShop() {
        assertThatThrownBy(() -> inTransaction(() -> notifier.create(new NotificationRequest(shopId + 1, optedIn.id,
                Channel.EMAIL, "X", null, null, null, null, null, null, null, null, "other", null, false))))
                .hasMessageContaining("does not exist");
    }

    @Test
    void queuesEachNotificationOnItsChannelsQueue() {
        var email = inTransaction(() -> notifier.create(request(emailOnly.id, null, "q1", null))).notification();
        var whatsapp = inTransaction(() -> notifier.create(request(optedIn.id, null, "q2", null))).notification();

        notifier.enqueue(List.of(email, whatsapp));

        var onEmail = sqs.receiveMessage(b -> b.queueUrl(queues.email().orElseThrow()).waitTimeSeconds(2)).messages();
        var onWhatsApp = sqs.receiveMessage(b -> b.queueUrl(queues.whatsapp().orElseThrow()).waitTimeSeconds(2))
                .messages();
        assertThat(onEmail).hasSize(1);
        assertThat(Commands.fromJson(onEmail.get(0).body(), SendEmail.class).notificationId()).isEqualTo(email.id);
        assertThat(onWhatsApp).hasSize(1);
        assertThat(Commands.fromJson(onWhatsApp.get(0).body(), SendWhatsApp.class).notificationId())
                .isEqualTo(whatsapp.id);
    }

    @Test
    void createsManyInOneGoAndReturnsTheExistingOnesForRepeatedKeys() {
        var first = inTransaction(() -> notifier.create(request(optedIn.id, Channel.EMAIL, "many-1", null)));
        List<NotificationRequest> requests = List.of(
                request(optedIn.id, null, "many-1", null),
                request(optedIn.id, null, "many-2", null),
                request(emailOnly.id, null, "many-3", null));

        var created = inTransaction(() -> notifier.createAll(shopId, requests, Map.of(emailOnly.id, emailOnly)));
        var again = inTransaction(() -> notifier.createAll(shopId, requests, Map.of()));

        assertThat(created).extracting(Notifier.Created::isNew).containsExactly(false, true, true);
        assertThat(created.get(0).notification().id).isEqualTo(first.notification().id);
        assertThat(created.get(1).notification().channel).isEqualTo(Channel.WHATSAPP);
        assertThat(created.get(2).notification().recipient).isEqualTo("ravi@example.in");
        assertThat(again).extracting(Notifier.Created::isNew).containsExactly(false, false, false);
        assertThat(again).extracting(c -> c.notification().id)
                .containsExactlyElementsOf(created.stream().map(c -> c.notification().id).toList());
    }
}
