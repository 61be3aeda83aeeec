package com.gstcomms.core.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            render-invoice            | {"type":"render-invoice","version":1,"shopId":7,"invoiceId":42,"deliverVia":["EMAIL","WHATSAPP"],"traceId":"req-1"}
            render-invoice, no trace  | {"type":"render-invoice","version":1,"shopId":7,"invoiceId":42,"deliverVia":[]}
            render-labels             | {"type":"render-labels","version":1,"shopId":7,"bulkOperationId":9,"shipmentIds":[1,2,3],"traceId":"req-2"}
            send-email                | {"type":"send-email","version":1,"shopId":7,"notificationId":1001}
            send-whatsapp             | {"type":"send-whatsapp","version":1,"shopId":7,"notificationId":1002,"traceId":"req-3"}
            process-csv-chunk         | {"type":"process-csv-chunk","version":1,"shopId":7,"importId":5,"bulkOperationId":9,"chunkKey":"imports/7/5/chunks/3.csv","chunkNumber":3,"format":"shopify-customers"}
            """)
    void readsAndWritesEachCommandWithTheSameJson(String description, String json) {
        Command command = Commands.fromJson(json);
        assertThat(command.type()).isEqualTo(description.split(",")[0]);
        assertThat(command.version()).isEqualTo(1);
        assertThat(command.shopId()).isEqualTo(7);
        assertThat(Commands.toJson(command)).isEqualTo(json);
        assertThat(Commands.fromJson(Commands.toJson(command))).isEqualTo(command);
    }

    @Test
    void buildsEachCommandAtTheCurrentVersion() {
        List<Command> commands = List.of(
                new RenderInvoice(7, 42, List.of(Channel.EMAIL), "t"),
                new RenderLabels(7, 9, List.of(1L, 2L), null),
                new SendEmail(7, 1001, null),
                new SendWhatsApp(7, 1002, "t"),
                new ProcessCsvChunk(7, 5, 9, "imports/7/5/chunks/0.csv", 0, "shopify-orders", null),
                new RunReminders(7, java.time.LocalDate.of(2026, 11, 25), 0, null));
        for (Command command : commands) {
            assertThat(command.version()).isEqualTo(Commands.VERSIONS.get(command.type()));
            assertThat(Commands.fromJson(Commands.toJson(command))).isEqualTo(command);
        }
        assertThat(Commands.toJson(new SendEmail(7, 1001, null)))
                .isEqualTo("{\"type\":\"send-email\",\"version\":1,\"shopId\":7,\"notificationId\":1001}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"type":"frobnicate","version":1,"shopId":7}                                     | unknown command type 'frobnicate'; known types: [render-invoice, render-labels, send-email, send-whatsapp, process-csv-chunk, run-reminders]
            {"version":1,"shopId":7,"notificationId":1}                                      | command has no 'type'
            {"type":42,"version":1}                                                          | command has no 'type'
            {"type":"send-email","version":2,"shopId":7,"notificationId":1}                  | unsupported version 2 of command type 'send-email'; this build reads version 1
            {"type":"send-email","shopId":7,"notificationId":1}                              | send-email has no whole-number 'version'
            {"type":"send-email","version":"1","shopId":7,"notificationId":1}                | send-email has no whole-number 'version'
            {"type":"send-email","version":1,"shopId":7}                                     | send-email v1: missing required field 'notificationId'
            {"type":"render-invoice","version":1,"invoiceId":42}                             | render-invoice v1: missing required field 'shopId'
            {"type":"send-email","version":1,"shopId":0,"notificationId":1}                  | send-email v1: shopId must be a positive id, found 0
            {"type":"send-email","version":1,"shopId":null,"notificationId":1}               | send-email v1: field 'shopId' is wrong
            {"type":"run-reminders","version":1,"shopId":7,"runDate":"25/11/2026","afterInvoiceId":0}| run-reminders v1: runDate must be an ISO date like 2026-11-25, found '25/11/2026'
            {"type":"send-email","version":1,"shopId":"seven","notificationId":1}            | send-email v1: field 'shopId' is wrong
            {"type":"render-labels","version":1,"shopId":7,"bulkOperationId":9,"shipmentIds":[]} | render-labels v1: shipmentIds must name at least one shipment
            {"type":"render-labels","version":1,"shopId":7,"bulkOperationId":9}              | render-labels v1: missing required field 'shipmentIds'
            {"type":"render-invoice","version":1,"shopId":7,"invoiceId":42,"deliverVia":["PIGEON"]} | render-invoice v1: field 'deliverVia.[0]' is wrong
            {"type":"process-csv-chunk","version":1,"shopId":7,"importId":5,"bulkOperationId":9,"chunkNumber":0,"format":"x"} | process-csv-chunk v1: missing required field 'chunkKey'
            {"type":"process-csv-chunk","version":1,"shopId":7,"importId":5,"bulkOperationId":9,"chunkKey":" ","chunkNumber":0,"format":"x"} | process-csv-chunk v1: chunkKey is required
            {"type":                                                                         | command body is not valid JSON
            [1,2]                                                                            | command body must be a JSON object
            ""                                                                               | command body is empty
            """)
    void refusesABodyThatIsNotAKnownCommandSayingWhy(String json, String reason) {
        assertThatThrownBy(() -> Commands.fromJson(json.equals("\"\"") ? "" : json))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoProducersCanAddOptionalOnes() {
        Command command = Commands.fromJson(
                "{\"type\":\"send-email\",\"version\":1,\"shopId\":7,\"notificationId\":1,\"priority\":\"high\"}");
        assertThat(command).isEqualTo(new SendEmail(7, 1, null));
    }

    @Test
    void readsACommandOfTheExpectedTypeOnly() {
        String json = Commands.toJson(new RenderInvoice(7, 42, List.of(), null));
        assertThat(Commands.fromJson(json, RenderInvoice.class).invoiceId()).isEqualTo(42);
        assertThatThrownBy(() -> Commands.fromJson(json, SendEmail.class))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessage("expected a send-email command, found render-invoice");
    }

    @Test
    void listsEveryCommandTypeForReflectionRegistration() {
        assertThat(List.<Class<?>>copyOf(Commands.ALL_TYPES)).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        assertThat(Commands.VERSIONS).hasSameSizeAs(Commands.ALL_TYPES);
        assertThat(Commands.REFLECTION_CLASSES).contains(Command.class, Channel.class)
                .containsAll(Arrays.asList(Command.class.getPermittedSubclasses()));
    }
}
