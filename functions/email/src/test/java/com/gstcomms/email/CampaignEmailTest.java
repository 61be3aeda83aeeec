package com.gstcomms.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.runtime.campaign.CampaignFanOut;
import com.gstcomms.runtime.data.Campaign;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.email.UnsubscribeLinks;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

/** Campaigns: fan-out to the bulk queue, SendGrid requests of many personalizations, totals that add up. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3,smtp,sendgrid"))
class CampaignEmailTest {

    @Inject
    CampaignFanOut fanOut;

    @Inject
    UnsubscribeLinks unsubscribeLinks;

    @ConfigProperty(name = "gstcomms.queues.email-bulk")
    String bulkQueue;

    SendGridStandIn sendGrid;
    Shop shop;
    EventSourceMapping bulkEvents;

    @BeforeEach
    void reset() {
        sendGrid = LocalServers.sendGrid();
        sendGrid.reset();
        LocalServers.smtp().reset();
        shop = Fixtures.shop();
        bulkEvents = new EventSourceMapping(bulkQueue, 100, Duration.ofMillis(500));
    }

    @Test
    void sendsACampaignToTaggedCustomersInOneRequestPerTemplateAndTheTotalsAddUp() {
        List<Customer> english = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            english.add(Fixtures.customer(shop.id, "Customer" + i, "Shah", "c" + i + "@example.in", true, "en", "vip"));
        }
        english.add(Fixtures.customer(shop.id, "Siobhán", "O'Brien & <Sons>", "obrien@example.in", true, "en", "vip", "b2b"));
        Customer hindi = Fixtures.customer(shop.id, "सुनीता", "Devi", "sunita@example.in", true, "hi", "vip");
        Fixtures.customer(shop.id, "Not", "OptedIn", "no1@example.in", false, "en", "vip");
        Fixtures.customer(shop.id, "Not", "OptedIn", "no2@example.in", false, "en", "vip");
        Fixtures.customer(shop.id, "No", "Email", null, true, "en", "vip");
        Fixtures.customer(shop.id, "Un", "Subscribed", "gone@example.in", true, "en", "vip");
        Fixtures.customer(shop.id, "Not", "Tagged", "other@example.in", true, "en", "regular");
        suppress("gone@example.in");
        Campaign campaign = campaign("{\"type\":\"TAGS\",\"tags\":[\"vip\"]}");

        CampaignFanOut.Result fannedOut = fanOut.run(shop.id, campaign.id, 10_000);

        assertThat(fannedOut.finished()).isTrue();
        assertThat(fannedOut.created()).isEqualTo(22);
        assertThat(fannedOut.skipped()).isEqualTo(3);
        Campaign running = reload(campaign.id);
        assertThat(running.status).isEqualTo(Campaign.Status.RUNNING);   // never finished while anyone is queued
        assertThat(running.total).isEqualTo(25);
        assertThat(running.queued).isEqualTo(22);

        bulkEvents.drain(Duration.ofSeconds(2));

        // 20 English recipients in one request, the Hindi one in its own: 2 requests, not 21
        assertThat(sendGrid.sent()).hasSize(2);
        SendGridStandIn.SentMail group = sendGrid.sent().stream().filter(m -> m.toEmails().size() > 1).findFirst()
                .orElseThrow();
        assertThat(group.toEmails()).hasSize(20).doesNotContain("gone@example.in", "no1@example.in");
        assertThat(group.json().path("categories").toString()).contains("campaign-" + campaign.id);
        for (JsonNode p : group.json().path("personalizations")) {
            String email = p.path("to").get(0).path("email").asText();
            Customer customer = english.stream().filter(c -> c.email.equals(email)).findFirst().orElseThrow();
            String html = apply(group.content("text/html"), p.path("substitutions"));
            String text = apply(group.content("text/plain"), p.path("substitutions"));
            // each recipient gets their own name (escaped in HTML) and their own unsubscribe link
            assertThat(html).contains("Dear " + PersonalizedGroups.escapeHtml(customer.displayName()) + ",");
            assertThat(text).contains("Dear " + customer.displayName() + ",");
            String link = p.path("headers").path("List-Unsubscribe").asText();
            assertThat(p.path("headers").path("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
            String token = link.substring(link.lastIndexOf('/') + 1, link.length() - 1);
            assertThat(unsubscribeLinks.verify(token)).contains(new UnsubscribeLinks.Unsubscribe(shop.id, Channel.EMAIL, email));
            assertThat(html).contains("href=\"" + link.substring(1, link.length() - 1) + "\"");
            assertThat(p.path("subject").asText()).isEqualTo("Diwali sale");
            assertThat(p.path("custom_args").path("notificationId").asText()).isNotBlank();
        }
        SendGridStandIn.SentMail alone = sendGrid.sent().stream().filter(m -> m.toEmails().size() == 1).findFirst()
                .orElseThrow();
        assertThat(alone.toEmails()).containsExactly(hindi.email);
        assertThat(alone.content("text/html")).contains("प्रिय सुनीता Devi").contains("सदस्यता छोड़ें");

        Campaign done = reload(campaign.id);
        assertThat(done.status).isEqualTo(Campaign.Status.COMPLETED);
        assertThat(done.completedAt).isNotNull();
        Map<String, Integer> totals = totals(campaign.id);
        assertThat(totals).containsEntry("sent", 21).containsEntry("failed", 0).containsEntry("suppressed", 1)
                .containsEntry("skipped", 3).containsEntry("queued", 0).containsEntry("total", 25);
        assertThat(totals.get("sent") + totals.get("failed") + totals.get("suppressed") + totals.get("skipped"))
                .isEqualTo(totals.get("total"));

        // starting it again changes nothing and sends nothing
        assertThat(fanOut.run(shop.id, campaign.id, 10_000).created()).isZero();
        bulkEvents.drain(Duration.ofMillis(500));
        assertThat(sendGrid.sent()).hasSize(2);
    }

    @Test
    void aCampaignGroupFallsBackToSmtpWithEachRecipientsOwnMessage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            Fixtures.customer(shop.id, "Buyer" + i, "Rao", "buyer" + i + "@example.in", true, "en");
        }
        Campaign campaign = campaign("{\"type\":\"ALL\"}");
        sendGrid.failNext(503);

        fanOut.run(shop.id, campaign.id, 10_000);
        bulkEvents.drain(Duration.ofSeconds(2));

        List<MimeMessage> mail = LocalServers.smtp().waitForMessages(5, Duration.ofSeconds(5));
        assertThat(mail).hasSize(5);
        for (MimeMessage m : mail) {
            String to = m.getAllRecipients()[0].toString();
            String name = "Buyer" + to.substring("buyer".length(), to.indexOf('@')) + " Rao";
            assertThat(m.getSubject()).isEqualTo("Diwali sale");
            assertThat(m.getHeader("List-Unsubscribe")[0]).startsWith("<http://127.0.0.1:8080/v1/unsubscribe/");
            assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(bodyText(m)).contains("Dear " + name + ",").doesNotContain("[%gst");
        }
        assertThat(totals(campaign.id)).containsEntry("sent", 5).containsEntry("total", 5);
        assertThat(reload(campaign.id).status).isEqualTo(Campaign.Status.COMPLETED);
    }

    @Test
    void aFanOutInterruptedAndResumedByTwoCallersAtOnceCreatesEachMessageOnce() throws Exception {
        for (int i = 1; i <= 30; i++) {
            Fixtures.customer(shop.id, "Member" + i, "Iyer", "m" + i + "@example.in", i % 10 != 0, "en", "club");
        }
        List<Long> ids = inTransaction(() -> Customer.<Customer>list("shopId", shop.id)).stream().map(c -> c.id).toList();
        List<Long> audienceIds = new ArrayList<>(ids);
        audienceIds.add(999_999_999L);   // an id that is not the shop's customer: skipped
        Campaign campaign = campaign("{\"customerIds\":" + audienceIds + "}");

        CampaignFanOut.Result first = fanOut.run(shop.id, campaign.id, 5, 5);
        assertThat(first.finished()).isFalse();
        assertThat(reload(campaign.id).status).isEqualTo(Campaign.Status.RUNNING);

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<CampaignFanOut.Result>> rest = List.of(
                    callers.submit(() -> fanOut.run(shop.id, campaign.id, 10_000, 7)),
                    callers.submit(() -> fanOut.run(shop.id, campaign.id, 10_000, 7)));
            int created = first.created();
            int skipped = first.skipped();
            for (Future<CampaignFanOut.Result> r : rest) {
                created += r.get().created();
                skipped += r.get().skipped();
                assertThat(r.get().finished()).isTrue();
            }
            assertThat(created).isEqualTo(27);
            assertThat(skipped).isEqualTo(4);   // 3 not opted in, 1 unknown id
        } finally {
            callers.shutdownNow();
        }
        long notifications = inTransaction(() -> Notification.count("campaignId", campaign.id));
        assertThat(notifications).isEqualTo(27);

        bulkEvents.drain(Duration.ofSeconds(2));

        assertThat(sendGrid.sent().stream().mapToInt(m -> m.toEmails().size()).sum()).isEqualTo(27);
        assertThat(totals(campaign.id)).containsEntry("total", 31).containsEntry("sent", 27).containsEntry("skipped", 4);
        assertThat(reload(campaign.id).status).isEqualTo(Campaign.Status.COMPLETED);
    }

    @Test
    void anEmptyAudienceCompletesAtOnce() {
        Campaign campaign = campaign("{\"tags\":[\"nobody-has-this-tag\"]}");

        CampaignFanOut.Result result = fanOut.run(shop.id, campaign.id, 10_000);

        assertThat(result.finished()).isTrue();
        assertThat(result.status()).isEqualTo(Campaign.Status.COMPLETED);
        assertThat(totals(campaign.id)).containsEntry("total", 0);
    }

    @Test
    void aCampaignWithAnUnreadableAudienceFailsWithoutSending() {
        Campaign campaign = campaign("{\"type\":\"FRIENDS\"}");

        CampaignFanOut.Result result = fanOut.run(shop.id, campaign.id, 10_000);

        assertThat(result.status()).isEqualTo(Campaign.Status.FAILED);
        assertThat(inTransaction(() -> Notification.count("campaignId", campaign.id))).isZero();
    }

    private Campaign campaign(String audience) {
        Campaign c = new Campaign();
        c.shopId = shop.id;
        c.name = "Diwali";
        c.channel = "EMAIL";
        c.audience = audience;
        c.variables = "{\"subject\":\"Diwali sale\",\"message\":\"20% off all sarees\",\"ctaUrl\":\"https://kala.example.in/diwali\"}";
        c.status = Campaign.Status.DRAFT;
        inTransaction(c::persist);
        return c;
    }

    private void suppress(String address) {
        Suppression s = new Suppression();
        s.shopId = shop.id;
        s.channel = Channel.EMAIL;
        s.address = address;
        s.reason = Suppression.Reason.UNSUBSCRIBED;
        inTransaction(s::persist);
    }

    private static Campaign reload(long id) {
        return inTransaction(() -> Campaign.<Campaign>findById(id));
    }

    /** The campaign's counters as stored (suppressed and skipped are columns the entity does not map yet). */
    static Map<String, Integer> totals(long campaignId) {
        Object[] row = inTransaction(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(s -> s.createNativeQuery("select total, queued, sent, failed, suppressed, skipped from campaign where id = :id",
                        Object[].class).setParameter("id", campaignId).getSingleResult()));
        Map<String, Integer> totals = new HashMap<>();
        String[] names = {"total", "queued", "sent", "failed", "suppressed", "skipped"};
        for (int i = 0; i < names.length; i++) {
            totals.put(names[i], ((Number) row[i]).intValue());
        }
        return totals;
    }

    private static String apply(String body, JsonNode substitutions) {
        Map<String, String> subs = new HashMap<>();
        substitutions.properties().forEach(e -> subs.put(e.getKey(), e.getValue().asText()));
        return Substitutions.apply(body, subs);
    }

    private static String bodyText(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                Object part = multipart.getBodyPart(i).getContent();
                all.append(part instanceof String s ? s : part.toString());
            }
            return all.toString();
        }
        return content.toString();
    }
}
