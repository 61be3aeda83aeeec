package com.gstcomms.reminders;

import com.gstcomms.core.time.India;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.SettableClock;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

/** The reminder rules on a fixed clock over real PostgreSQL and SQS. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "only", value = "postgres,sqs,s3"))
class ShopRemindersTest {

    private static final java.time.ZoneId INDIA = India.ZONE;
    /**
     * A fixed day, already past: the scheduler and the Notifier read the same injected clock, set to this
     * day, so a reminder put off to the next morning stays SCHEDULED whatever the real date is.
     */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    /** 10:00 India time on DAY, inside the send window. */
    private static final Instant MORNING = DAY.atTime(10, 0).atZone(INDIA).toInstant();

    @Inject
    ShopReminders reminders;

    @Inject
    SqsClient sqs;

    @Inject
    QueuesConfig queues;

    @Inject
    SettableClock clock;

    private Shop shop;
    private Customer onWhatsApp;
    private Customer onEmail;

    @BeforeEach
    void shopWithCustomers() {
        clock.set(MORNING);
        shop = Fixtures.shop(null);
        onWhatsApp = Fixtures.customer(shop, "asha@example.in", "+919876543210", true);
        onEmail = Fixtures.customer(shop, "ravi@example.in", null, false);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private ShopReminders.Outcome runFor(LocalDate day) {
        return reminders.run(new RunReminders(shop.id, day, 0, null));
    }

    private List<Notification> remindersOf(Invoice invoice) {
        return inTransaction(() -> Notification.<Notification>list("invoiceId = ?1 and kind = ?2", invoice.id,
                ShopReminders.KIND));
    }

    private Invoice.Status statusOf(Invoice invoice) {
        return inTransaction(() -> Invoice.<Invoice>findById(invoice.id)).status;
    }

    @Test
    void eachStageFiresOnItsDayAndPaidOrCancelledInvoicesGetNothing() {
        Invoice dueInThreeDays = Fixtures.invoice(shop, onEmail, DAY.plusDays(3), Invoice.Status.SENT, 0);
        Invoice dueToday = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.SENT, 0);
        Invoice weekLate = Fixtures.invoice(shop, onEmail, DAY.minusDays(7), Invoice.Status.OVERDUE, 0);
        Invoice fortnightLate = Fixtures.invoice(shop, onWhatsApp, DAY.minusDays(15), Invoice.Status.SENT, 100_000);
        Invoice fiveDaysLate = Fixtures.invoice(shop, onEmail, DAY.minusDays(5), Invoice.Status.SENT, 0);
        Invoice paid = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.PAID, 339_600);
        Invoice cancelled = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.CANCELLED, 0);

        ShopReminders.Outcome outcome = runFor(DAY);

        assertThat(outcome.created()).isEqualTo(4);
        assertThat(remindersOf(dueInThreeDays)).singleElement()
                .satisfies(n -> assertThat(n.idempotencyKey).isEqualTo("reminder:" + dueInThreeDays.id + ":-3"));
        assertThat(remindersOf(dueToday)).hasSize(1);
        assertThat(remindersOf(weekLate)).singleElement()
                .satisfies(n -> assertThat(n.variables).contains("\"daysOverdue\":7"));
        assertThat(remindersOf(fortnightLate)).singleElement().satisfies(n -> {
            assertThat(n.channel).isEqualTo(Channel.WHATSAPP);
            assertThat(n.recipient).isEqualTo("+919876543210");
            assertThat(n.variables).contains("\"amountDue\":\"2396.00\"")
                    .contains("upi://pay?pa=kala.handlooms@okaxis").contains("am=2396.00");
        });
        assertThat(remindersOf(fiveDaysLate)).isEmpty();
        assertThat(remindersOf(paid)).isEmpty();
        assertThat(remindersOf(cancelled)).isEmpty();
    }

    @Test
    void marksInvoicesPastTheirDueDateOverdue() {
        Invoice late = Fixtures.invoice(shop, onEmail, DAY.minusDays(1), Invoice.Status.SENT, 0);
        Invoice today = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.SENT, 0);
        Invoice paidLate = Fixtures.invoice(shop, onEmail, DAY.minusDays(9), Invoice.Status.PAID, 339_600);

        assertThat(runFor(DAY).markedOverdue()).isEqualTo(1);

        assertThat(statusOf(late)).isEqualTo(Invoice.Status.OVERDUE);
        assertThat(statusOf(today)).isEqualTo(Invoice.Status.SENT);
        assertThat(statusOf(paidLate)).isEqualTo(Invoice.Status.PAID);
    }

    @Test
    void aSecondRunOnTheSameDaySendsNothingAgain() {
        Invoice dueToday = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.SENT, 0);
        Invoice weekLate = Fixtures.invoice(shop, onWhatsApp, DAY.minusDays(7), Invoice.Status.SENT, 0);

        ShopReminders.Outcome first = runFor(DAY);
        ShopReminders.Outcome second = runFor(DAY);

        assertThat(first.created()).isEqualTo(2);
        assertThat(second.created()).isZero();
        assertThat(second.alreadyThere()).isEqualTo(2);
        assertThat(remindersOf(dueToday)).hasSize(1);
        assertThat(remindersOf(weekLate)).hasSize(1);
    }

    @Test
    void queuesRemindersAtOnceInsideTheSendWindowOnTheCustomersChannel() {
        Invoice toEmail = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.SENT, 0);
        Invoice toWhatsApp = Fixtures.invoice(shop, onWhatsApp, DAY, Invoice.Status.SENT, 0);

        runFor(DAY);

        Notification email = remindersOf(toEmail).get(0);
        Notification whatsapp = remindersOf(toWhatsApp).get(0);
        assertThat(email.status).isEqualTo(NotificationStatus.QUEUED);
        assertThat(receiveAll(queues.email().orElseThrow())).extracting(m ->
                Commands.fromJson(m.body(), SendEmail.class).notificationId()).contains(email.id);
        assertThat(receiveAll(queues.whatsapp().orElseThrow())).extracting(m ->
                Commands.fromJson(m.body(), SendWhatsApp.class).notificationId()).contains(whatsapp.id);
    }

    @Test
    void aRunOutsideTheSendWindowSchedulesRemindersForNineInTheMorning() {
        // 23:00 India time: too late to message a customer.
        clock.set(DAY.atTime(23, 0).atZone(INDIA).toInstant());
        Invoice dueToday = Fixtures.invoice(shop, onEmail, DAY, Invoice.Status.SENT, 0);

        runFor(DAY);

        Notification n = remindersOf(dueToday).get(0);
        assertThat(n.status).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(n.scheduledAt.toInstant()).isEqualTo(DAY.plusDays(1).atTime(9, 0).atZone(INDIA).toInstant());
    }

    @Test
    void stopsAtTheShopsMaximumNumberOfReminders() {
        Shop strict = Fixtures.shop("{\"reminders\": {\"maxCount\": 1}}");
        Customer c = Fixtures.customer(strict, "c@example.in", null, false);
        Invoice invoice = Fixtures.invoice(strict, c, DAY.minusDays(7), Invoice.Status.SENT, 0);

        reminders.run(new RunReminders(strict.id, DAY.minusDays(7), 0, null));
        reminders.run(new RunReminders(strict.id, DAY, 0, null));

        assertThat(remindersOf(invoice)).hasSize(1);
    }

    @Test
    void skipsAnInvoiceWithNoWayToReachTheCustomer() {
        Customer unreachable = Fixtures.customer(shop, null, null, false);
        Invoice invoice = Fixtures.invoice(shop, unreachable, DAY, Invoice.Status.SENT, 0);
        ShopReminders.Outcome outcome = runFor(DAY);
        assertThat(outcome.skipped()).isEqualTo(1);
        assertThat(remindersOf(invoice)).isEmpty();
    }

    private List<Message> receiveAll(String url) {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (got.isEmpty()) {
                break;
            }
            all.addAll(got);
        }
        return all;
    }
}
