package com.gstcomms.imports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = "|", quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://x\")  | '=HYPERLINK(\"http://x\")",
            "+919876543210             | '+919876543210",
            "-2+3                      | '-2+3",
            "@SUM(A1)                  | '@SUM(A1)",
            "Asha                      | Asha",
            "सुनीता                     | सुनीता",
            "a=b                       | a=b"
    })
    void prefixesAnApostropheToCellsASpreadsheetWouldRunAsAFormula(String cell, String expected) {
        assertThat(SpreadsheetCells.defuse(cell)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void defusesTabAndCarriageReturnStarts() {
        assertThat(SpreadsheetCells.defuse("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCells.defuse("\r=1")).isEqualTo("'\r=1");
        assertThat(SpreadsheetCells.defuse("")).isEmpty();
    }
}
