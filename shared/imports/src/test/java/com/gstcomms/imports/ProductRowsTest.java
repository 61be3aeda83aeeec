package com.gstcomms.imports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProductRowsTest {

    private static final List<String> HEADER = List.of("SKU", "Name", "HSN", "GST Rate", "Unit");
    private static final HeaderMatch MATCH = CsvFormats.match(ImportKind.PRODUCTS, Optional.of("products"), HEADER);

    @ParameterizedTest(name = "unit ''{0}'' is stored as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NOS      | NOS
            pcs      | PCS
            Piece    | PCS
            kg       | KGS
            litre    | LTR
            Mtrs     | MTR
            dozen    | DOZ
            BAG      | BAG
            box of 6 | OTH
            ''       | NOS
            """)
    void storesTheUnitAsAGstnCodeAndNeverRefusesARowForIt(String unit, String code) {
        RowResult<ProductRecord> result = ProductRows.read(MATCH,
                new SourceRecord(2, new String[] {"KURTA-01", "Cotton Kurta", "6211", "5", unit}));

        assertThat(result).isInstanceOf(RowResult.Accepted.class);
        assertThat(((RowResult.Accepted<ProductRecord>) result).value().unit()).isEqualTo(code);
    }
}
