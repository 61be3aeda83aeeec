package com.gstcomms.core.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Code128Test {

    @Test
    void carriesPrintableAsciiIncludingSpacesAndPunctuation() {
        assertThat(Code128.problem("DL 1234-5678/IN ~!")).isEmpty();
        assertThat(Code128.problem("")).isEmpty();
    }

    @Test
    void namesTheFirstCharacterItCannotCarryAndWhere() {
        assertThat(Code128.problem("AWB–149")).contains(
                "has '–' at position 4; a Code 128 barcode carries only printable ASCII (letters, digits, spaces, punctuation)");
        assertThat(Code128.problem("१२३")).hasValueSatisfying(p -> assertThat(p).contains("position 1"));
        assertThat(Code128.problem("AB\tC")).hasValueSatisfying(p -> assertThat(p).contains("position 3"));
    }
}
