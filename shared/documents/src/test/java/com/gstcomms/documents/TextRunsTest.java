package com.gstcomms.documents;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static com.gstcomms.documents.FontLibrary.Face.BENGALI;
import static com.gstcomms.documents.FontLibrary.Face.BOLD;
import static com.gstcomms.documents.FontLibrary.Face.DEVANAGARI;
import static com.gstcomms.documents.FontLibrary.Face.REGULAR;
import static com.gstcomms.documents.FontLibrary.Face.TAMIL;
import static org.assertj.core.api.Assertions.assertThat;

class TextRunsTest {

    static FontLibrary fonts;

    @BeforeAll
    static void load() {
        fonts = FontLibrary.load();
    }

    @Test
    void picksAFontPerScriptAndKeepsSpacesInsideAName() {
        List<TextRuns.Run> runs = TextRuns.split("Bill to राजेश कुमार, ₹ 500 সৌরভ", false, fonts);

        assertThat(runs).extracting(TextRuns.Run::face, TextRuns.Run::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(REGULAR, "Bill to "),
                org.assertj.core.groups.Tuple.tuple(DEVANAGARI, "राजेश कुमार, "),
                org.assertj.core.groups.Tuple.tuple(REGULAR, "₹ 500 "),
                org.assertj.core.groups.Tuple.tuple(BENGALI, "সৌরভ"));
    }

    @Test
    void boldTextFallsBackToTheRegularScriptFaces() {
        assertThat(TextRuns.split("To தமிழ்", true, fonts)).extracting(TextRuns.Run::face).containsExactly(BOLD, TAMIL);
    }

    @ParameterizedTest(name = "{0} is drawn as {1}")
    @CsvSource({
            "செல்வி, ெசல்வி",          // pre-base vowel sign e moves before its consonant
            "கோபால், ேகாபால்",        // two-part o: ே before, ா after
            "கொ, ெகா",
            "கௌ, ெகௗ",
            "தமிழ், தமிழ்"})           // nothing to move
    void drawsTamilPreBaseVowelSignsBeforeTheirConsonant(String typed, String drawn) {
        assertThat(TextRuns.tamilVisualOrder(typed)).isEqualTo(drawn);
    }

    @Test
    void replacesACharacterNoFontHasWithAQuestionMark() {
        assertThat(TextRuns.split("ok 😀", false, fonts)).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("ok ?"));
    }
}
