package com.gstcomms.core.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IndianStateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "01, JAMMU_AND_KASHMIR",
            "1,  JAMMU_AND_KASHMIR",
            "07, DELHI",
            "24, GUJARAT",
            "25, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "26, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "27, MAHARASHTRA",
            "29, KARNATAKA",
            "33, TAMIL_NADU",
            "36, TELANGANA",
            "37, ANDHRA_PRADESH",
            "38, LADAKH",
            "96, FOREIGN_COUNTRY",
            "97, OTHER_TERRITORY"
    })
    void findsAStateByGstCode(String code, IndianState expected) {
        assertThat(IndianState.byCode(code)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"00", "28", "39", "98", "99", "AB", "270"})
    void findsNothingForAnUnknownGstCode(String code) {
        assertThat(IndianState.byCode(code)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "MH, MAHARASHTRA", "KA, KARNATAKA", "TN, TAMIL_NADU", "DL, DELHI", "GJ, GUJARAT",
            "UP, UTTAR_PRADESH", "WB, WEST_BENGAL", "KL, KERALA", "RJ, RAJASTHAN", "PB, PUNJAB",
            "HR, HARYANA", "AP, ANDHRA_PRADESH", "JK, JAMMU_AND_KASHMIR", "PY, PUDUCHERRY",
            "CH, CHANDIGARH", "AN, ANDAMAN_AND_NICOBAR_ISLANDS", "LD, LAKSHADWEEP", "LA, LADAKH",
            "TS, TELANGANA", "TG, TELANGANA",
            "OR, ODISHA", "OD, ODISHA",
            "UK, UTTARAKHAND", "UT, UTTARAKHAND",
            "CT, CHHATTISGARH", "CG, CHHATTISGARH",
            "DN, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU", "DD, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "DH, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "mh, MAHARASHTRA", "' MH ', MAHARASHTRA", "IN-MH, MAHARASHTRA", "in-ts, TELANGANA"
    })
    void findsAStateByIsoOrShopifyProvinceCode(String provinceCode, IndianState expected) {
        assertThat(IndianState.byProvinceCode(provinceCode)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"XX", "IN", "IN-", "MAH", "27"})
    void findsNothingForAnUnknownProvinceCode(String provinceCode) {
        assertThat(IndianState.byProvinceCode(provinceCode)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "maharashtra,                          MAHARASHTRA",
            "MAHARASHTRA,                          MAHARASHTRA",
            "'  Tamil   Nadu ',                    TAMIL_NADU",
            "Jammu & Kashmir,                      JAMMU_AND_KASHMIR",
            "jammu and kashmir,                    JAMMU_AND_KASHMIR",
            "Andaman & Nicobar Islands,            ANDAMAN_AND_NICOBAR_ISLANDS",
            "Dadra & Nagar Haveli and Daman & Diu, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "Daman and Diu,                        DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "Orissa,                               ODISHA",
            "Pondicherry,                          PUDUCHERRY",
            "NCT of Delhi,                         DELHI",
            "Telangana,                            TELANGANA",
            "Andhra Pradesh,                       ANDHRA_PRADESH",
            "Other Territory,                      OTHER_TERRITORY",
            "Foreign Country,                      FOREIGN_COUNTRY"
    })
    void findsAStateByNameToleratingCaseSpacesAndAmpersands(String name, IndianState expected) {
        assertThat(IndianState.byName(name)).contains(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"Atlantis", "Bombay State", "Maharashtr"})
    void findsNothingForAnUnknownName(String name) {
        assertThat(IndianState.byName(name)).isEmpty();
    }

    @Test
    void coversEveryGstCodeFrom01To38ExceptTheRetired25And28() {
        List<String> expected = IntStream.rangeClosed(1, 38)
                .filter(i -> i != 25 && i != 28)
                .mapToObj(i -> String.format("%02d", i))
                .toList();
        List<String> actual = Arrays.stream(IndianState.values())
                .filter(s -> !s.code().equals("96") && !s.code().equals("97"))
                .map(IndianState::code)
                .toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void givesEveryIndianPlaceExceptOtherTerritoryAUniqueProvinceCode() {
        List<String> all = Arrays.stream(IndianState.values()).flatMap(s -> s.provinceCodes().stream()).toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(Arrays.stream(IndianState.values())
                .filter(s -> s.isoCode().isEmpty()))
                .containsExactlyInAnyOrder(IndianState.FOREIGN_COUNTRY, IndianState.OTHER_TERRITORY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "MAHARASHTRA, SGST", "DELHI, SGST", "PUDUCHERRY, SGST", "JAMMU_AND_KASHMIR, SGST",
            "CHANDIGARH, UTGST", "LADAKH, UTGST", "LAKSHADWEEP, UTGST", "ANDAMAN_AND_NICOBAR_ISLANDS, UTGST",
            "DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU, UTGST", "OTHER_TERRITORY, UTGST"
    })
    void namesUtgstForUnionTerritoriesWithoutALegislature(IndianState state, String taxName) {
        assertThat(state.stateTaxName()).isEqualTo(taxName);
    }

    @Test
    void printsThePlaceOfSupplyWithItsCode() {
        assertThat(IndianState.MAHARASHTRA.withCode()).isEqualTo("Maharashtra (27)");
        assertThat(IndianState.TELANGANA.isoCode()).contains("TG");
    }
}
