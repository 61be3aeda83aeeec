package com.gstcomms.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerRowsTest {

    private static final List<String> HEADER = List.of("Shopify ID", "First Name", "Email", "Phone", "GSTIN", "State",
            "PIN", "Country Code", "WhatsApp Opt In", "Tags");
    private static final HeaderMatch MATCH = CsvFormats.match(ImportKind.CUSTOMERS, Optional.of("customers"), HEADER);

    private static RowResult<CustomerRecord> read(String... values) {
        return CustomerRows.read(MATCH, new SourceRecord(5, values));
    }

    @Test
    void normalisesAGoodRow() {
        RowResult<CustomerRecord> result = read("'7000000000001", "Asha", "Asha@Example.IN", "098765 43210",
                "27aapfu0939f1zv", "Maharashtra", "411 001", "", "yes", "vip, wholesale, vip");

        assertThat(result).isInstanceOf(RowResult.Accepted.class);
        CustomerRecord c = ((RowResult.Accepted<CustomerRecord>) result).value();
        assertThat(c.shopifyId()).isEqualTo(7000000000001L);
        assertThat(c.email()).isEqualTo("Asha@example.in");
        assertThat(c.phone()).isEqualTo("+919876543210");
        assertThat(c.gstin()).isEqualTo("27AAPFU0939F1ZV");
        assertThat(c.stateCode()).isEqualTo("27");
        assertThat(c.pin()).isEqualTo("411001");
        assertThat(c.whatsappOptIn()).isTrue();
        assertThat(c.tags()).containsExactly("vip", "wholesale");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiterString = "|", value = {
            "Email        | asha@example       | Email address 'asha@example' has no '.' in its domain",
            "Phone        | +91 12345          | Phone number '+91 12345'",
            "PIN          | 4000               | PIN code '4000' must be 6 digits, found 4",
            "GSTIN        | 27AAPFU0939F1ZX    | GSTIN check character is wrong: expected V, found X",
            "State        | XX                 | State 'XX' is not an Indian state or union territory",
            "Shopify ID   | abc                | Shopify ID must be the number Shopify gives a customer",
            "WhatsApp Opt In | maybe           | WhatsApp Opt In must be yes or no, found 'maybe'",
            "Country Code | Bharat             | Country Code must be a two-letter country code"
    })
    void reportsTheColumnTheValueAndWhyForEachBadValue(String column, String value, String reason) {
        String[] row = {"", "Asha", "asha@example.in", "9876543210", "", "MH", "411001", "", "", ""};
        row[HEADER.indexOf(column)] = value;

        RowResult<CustomerRecord> result = CustomerRows.read(MATCH, new SourceRecord(5, row));

        assertThat(result).isInstanceOf(RowResult.Rejected.class);
        assertThat(((RowResult.Rejected<CustomerRecord>) result).problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(column);
            assertThat(p.value()).isEqualTo(value);
            assertThat(p.reason()).contains(reason);
        });
    }

    @Test
    void needsAnEmailOrAShopifyId() {
        assertThat(read("", "Asha", "", "9876543210", "", "", "", "", "", "")).isInstanceOf(RowResult.Rejected.class);
        assertThat(read("7000000000001", "Asha", "", "9876543210", "", "", "", "", "", ""))
                .isInstanceOf(RowResult.Accepted.class);
    }

    @Test
    void readsPhonesAndPinsOfOtherCountriesByTheirRules() {
        RowResult<CustomerRecord> result = read("", "John", "john@example.com", "020 7946 0958", "", "", "SW1A 1AA",
                "GB", "", "");

        assertThat(result).isInstanceOf(RowResult.Accepted.class);
        CustomerRecord c = ((RowResult.Accepted<CustomerRecord>) result).value();
        assertThat(c.phone()).isEqualTo("+442079460958");
        assertThat(c.pin()).isEqualTo("SW1A 1AA");
        assertThat(c.stateCode()).isNull();
    }

    @Test
    void reportsEveryProblemOfARowTogether() {
        RowResult<CustomerRecord> result = read("", "Asha", "bad", "12", "", "ZZ", "1", "", "", "");

        assertThat(((RowResult.Rejected<CustomerRecord>) result).problems())
                .extracting(RowProblem::column).containsExactly("Email", "Phone", "State", "PIN");
    }
}
