package com.gstcomms.imports;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFormatsTest {

    @Test
    void matchesHeadingsIgnoringCaseSpacingAndPunctuation() {
        HeaderMatch match = CsvFormats.match(ImportKind.PRODUCTS, Optional.empty(),
                List.of("sku", " Product  Name ", "hsn_sac", "GST RATE", "unit"));

        assertThat(match.format()).isEqualTo(CsvFormats.PRODUCTS);
        assertThat(match.positions()).containsEntry(ProductRows.HSN_SAC, 2).containsEntry(ProductRows.GST_RATE, 3);
        assertThat(match.unknownHeadings()).isEmpty();
    }

    @Test
    void choosesShopifysLayoutForAShopifyExportAndOursForTheTemplate() {
        List<String> shopify = List.of("Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing",
                "Default Address Company", "Default Address Zip", "Total Spent", "Tags");
        List<String> ours = List.of("First Name", "Last Name", "Email", "Phone", "GSTIN", "State", "PIN");

        assertThat(CsvFormats.match(ImportKind.CUSTOMERS, Optional.empty(), shopify).format())
                .isEqualTo(CsvFormats.SHOPIFY_CUSTOMERS);
        assertThat(CsvFormats.match(ImportKind.CUSTOMERS, Optional.empty(), ours).format())
                .isEqualTo(CsvFormats.CUSTOMERS);
    }

    @Test
    void refusesAFileMissingARequiredColumnNamingIt() {
        assertThatThrownBy(() -> CsvFormats.match(ImportKind.PRODUCTS, Optional.empty(),
                List.of("SKU", "Name", "GST Rate")))
                .isInstanceOf(ImportRefused.class)
                .hasMessageContaining("missing the required column 'HSN/SAC'");
    }

    @Test
    void refusesAColumnThatAppearsTwice() {
        assertThatThrownBy(() -> CsvFormats.match(ImportKind.PRODUCTS, Optional.empty(),
                List.of("SKU", "Name", "HSN", "GST Rate", "HSN Code")))
                .hasMessageContaining("appears twice (columns C and E)");
    }

    @Test
    void reportsEachUnknownColumnOnceOnRowOne() {
        HeaderMatch match = CsvFormats.match(ImportKind.PRODUCTS, Optional.empty(),
                List.of("SKU", "Name", "HSN", "GST Rate", "Colour", "", "Size", "", ""));

        assertThat(match.headerNotes()).extracting(RowProblem::row, RowProblem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "Colour"),
                        org.assertj.core.groups.Tuple.tuple(1, "(column F, no heading)"),
                        org.assertj.core.groups.Tuple.tuple(1, "Size"));
    }

    @Test
    void refusesANamedFormatOfAnotherKind() {
        assertThatThrownBy(() -> CsvFormats.match(ImportKind.CUSTOMERS, Optional.of("shopify-orders"), List.of("Name")))
                .hasMessageContaining("imports orders, not customers");
    }
}
