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

    /**
     * The one rule for a minus sign: text that starts with '-' is defused even when it reads as a number,
     * because "-12.50" typed into a name or note is the merchant's text, and "-2+3" or "-1+cmd|..." are
     * formulas; only amounts the code formats itself (exports, reports) are written as numbers, by not
     * passing them through {@code defuse}.
     */
    @org.junit.jupiter.api.Test
    void aTypedNegativeNumberIsTextAndKeepsItsApostrophe() {
        assertThat(SpreadsheetCells.defuse("-12.50")).isEqualTo("'-12.50");
        assertThat(SpreadsheetCells.defuse("12.50")).isEqualTo("12.50");
        assertThat(SpreadsheetCells.defuse(null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void defusesTabAndCarriageReturnStarts() {
        assertThat(SpreadsheetCells.defuse("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCells.defuse("\r=1")).isEqualTo("'\r=1");
        assertThat(SpreadsheetCells.defuse("")).isEmpty();
    }
}
