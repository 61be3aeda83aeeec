package com.gstcomms.imports;

import com.gstcomms.core.gst.PriceBasis;
import com.gstcomms.core.state.IndianState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ImportCheckTest {

    @Test
    void findsEveryBadRowOfTheFaultyShopifyCustomerExportByRowAndColumn() throws IOException {
        ImportCheck.Report report = ImportCheck.check(getClass().getResourceAsStream("/shopify-customers-faults.csv"),
                ImportKind.CUSTOMERS, Optional.empty(), ImportLimits.DEFAULTS, Optional.empty());

        assertThat(report.dataRows()).isEqualTo(32);
        assertThat(report.goodRows()).isEqualTo(24);
        assertThat(report.problems()).extracting(RowProblem::row, RowProblem::column, RowProblem::value)
                .containsExactly(
                        tuple(11, "Email", "CUSTOMER5.B@EXAMPLE.IN"),
                        tuple(12, "Default Address Zip", "4000"),
                        tuple(28, "Email", "kavya@example"),
                        tuple(29, "Phone", "+91 12345"),
                        tuple(30, "Customer ID", "'7000000000000"),
                        tuple(31, "Default Address Province Code", "XX"),
                        tuple(32, "Email", ""),
                        tuple(33, "Email", "=1+2"));
    }

    @Test
    void checksTheSampleOrdersAsInvoicesWithTheCatalogue() throws IOException {
        ImportCheck.Report report = ImportCheck.check(getClass().getResourceAsStream("/shopify-orders-sample.csv"),
                ImportKind.ORDERS, Optional.empty(), ImportLimits.DEFAULTS,
                Optional.of(new ImportCheck.Invoicing(OrderInvoicingTest.CATALOGUE, IndianState.MAHARASHTRA,
                        PriceBasis.INCLUSIVE_OF_TAX)));

        assertThat(report.format()).isEqualTo(CsvFormats.SHOPIFY_ORDERS);
        assertThat(report.dataRows()).isEqualTo(21);
        assertThat(report.problems()).isEmpty();
        assertThat(report.goodRows()).isEqualTo(21);
    }

    @Test
    void refusesCatalogueRowsBeyondTheApisNumberBoundsWithoutHanging() throws IOException {
        String csv = "sku,name,hsn_sac,gst_rate,cess_rate,unit\n"
                + "A,Rice,1006,18.125,0,KGS\n"
                + "B,Rice,1006,1E+999999999,0,KGS\n"
                + "C,Tobacco,2401,28,401,NOS\n"
                + "D,Rice,1006,5,0,KGS\n";
        ImportCheck.Report report = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> ImportCheck.check(new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        ImportKind.PRODUCTS, Optional.empty(), ImportLimits.DEFAULTS, Optional.empty()));

        assertThat(report.goodRows()).isEqualTo(1);
        assertThat(report.problems()).extracting(RowProblem::row, RowProblem::value)
                .containsExactly(tuple(2, "18.125"), tuple(3, "1E+999999999"), tuple(4, "401"));
        assertThat(report.problems().get(0).reason()).contains("at most 2 decimal places");
    }
}
