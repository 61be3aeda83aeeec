package com.gstcomms.core.gstin;

import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Validated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GstinValidatorTest {

    /** The sample file, the same as infra/local/samples/gstin-examples.csv. */
    @ParameterizedTest(name = "{0} valid={1} {2}")
    @CsvFileSource(resources = "/gstin-examples.csv", numLinesToSkip = 1)
    void agreesWithTheSharedExamples(String gstin, boolean valid, String note) {
        assertThat(GstinValidator.validate(gstin).isValid()).as(note).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource({
            "27AAPFU0939F1ZV,     27AAPFU0939F1ZV",
            "'  27aapfu0939f1zv ', 27AAPFU0939F1ZV",
            "29AAACC1206D2ZB,     29AAACC1206D2ZB",
            "07AAACB2894G1ZP,     07AAACB2894G1ZP",
            // 97 Other Territory is a GST state code
            "97AAPFU0939F1ZO,     97AAPFU0939F1ZO",
            // legacy 25 Daman and Diu GSTINs remain structurally valid
            "25AAPFU0939F1ZZ,     25AAPFU0939F1ZZ"
    })
    void acceptsAndNormalisesValidGstins(String input, String normalised) {
        Validated<Gstin> result = GstinValidator.validate(input);
        assertThat(result.isValid()).as(result.toString()).isTrue();
        assertThat(result.orElseThrow().value()).isEqualTo(normalised);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(quoteCharacter = '"', delimiter = '|', textBlock = """
            ""              | GSTIN is missing
            27AAPFU0939F1Z  | GSTIN must be 15 characters, found 14
            27AAPFU0939F1ZVV| GSTIN must be 15 characters, found 16
            27AAPFU0939F1Z# | GSTIN has an invalid character '#' at position 15
            27AAPFU 939F1ZV | GSTIN has an invalid character ' ' at position 8
            2AAAPFU0939F1ZV | GSTIN must start with a 2-digit state code, found '2A'
            39AAPFU0939F1ZV | GSTIN state code 39 does not exist
            00AAPFU0939F1ZL | GSTIN state code 00 does not exist
            96AAPFU0939F1ZV | GSTIN state code 96 (Foreign Country) is not used in GSTINs
            99AAPFU0939F1ZV | GSTIN state code 99 (Centre Jurisdiction, non-resident OIDAR) is not supported
            28AAPFU0939F1ZV | Andhra Pradesh is 37
            27AAPF10939F1ZV | GSTIN PAN part (positions 3-12, 5 letters, 4 digits, 1 letter) is wrong at position 7: expected a letter, found '1'
            27AAPFUA939F1ZV | wrong at position 8: expected a digit, found 'A'
            27AAPFU09391F1Z | wrong at position 12: expected a letter, found '1'
            27AAPFU0939F0ZV | GSTIN entity code at position 13 must be 1-9 or A-Z, found '0'
            27AAPFU0939F1YV | GSTIN 14th character must be 'Z', found 'Y'
            27AAPFU0939F1ZX | GSTIN check character is wrong: expected V, found X
            29AAACC1206D2Z8 | GSTIN check character is wrong: expected B, found 8
            """)
    void rejectsAnInvalidGstinWithTheReason(String input, String reason) {
        Validated<Gstin> result = GstinValidator.validate(input);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        assertThat(result.rejection()).get().asString().contains(reason);
        assertThat(((Validated.Invalid<Gstin>) result).field()).isEqualTo("gstin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"27AAPFU0939F1ZV", "29AAACC1206D2ZB", "33AAACH7409R1Z8", "07AAACB2894G1ZP"})
    void computesTheCheckCharacterWithLuhnMod36(String gstin) {
        assertThat(GstinValidator.checkCharacter(gstin.substring(0, 14))).isEqualTo(gstin.charAt(14));
    }

    @Test
    void exposesStatePanAndEntityCode() {
        Gstin gstin = Gstin.parse("27AAPFU0939F1ZV");
        assertThat(gstin.state()).isEqualTo(IndianState.MAHARASHTRA);
        assertThat(gstin.stateCode()).isEqualTo("27");
        assertThat(gstin.pan()).isEqualTo("AAPFU0939F");
        assertThat(gstin.entityCode()).isEqualTo('1');
        assertThat(gstin.checkCharacter()).isEqualTo('V');
        assertThat(Gstin.parse("25AAPFU0939F1ZZ").state()).isEqualTo(IndianState.DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU);
        assertThat(Gstin.parse(" 27aapfu0939f1zv")).isEqualTo(gstin);
    }

    @Test
    void parseThrowsTheReason() {
        assertThatThrownBy(() -> Gstin.parse("27AAPFU0939F1ZX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GSTIN check character is wrong: expected V, found X");
    }
}
