package com.gstcomms.imports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvSourceTest {

    private static List<SourceRecord> readAll(byte[] bytes, ImportLimits limits) throws IOException {
        try (var source = com.gstcomms.imports.CsvSource.open(new ByteArrayInputStream(bytes), limits)) {
            List<SourceRecord> records = new ArrayList<>();
            for (SourceRecord r; (r = source.next()) != null; ) {
                records.add(r);
            }
            return records;
        }
    }

    private static List<SourceRecord> readAll(String text) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8), ImportLimits.DEFAULTS);
    }

    @Test
    void numbersRowsAsASpreadsheetDoesWhenAQuotedValueHoldsLineBreaks() throws IOException {
        List<SourceRecord> records = readAll("Name,Address\r\nAsha,\"12 MG Road\r\nFlat 4\nPune\"\r\nRavi,\"Hill, \"\"Top\"\"\"\r\n");

        assertThat(records).extracting(SourceRecord::row).containsExactly(2, 3);
        assertThat(records.get(0).values()).containsExactly("Asha", "12 MG Road\r\nFlat 4\nPune");
        assertThat(records.get(1).values()).containsExactly("Ravi", "Hill, \"Top\"");
    }

    @Test
    void countsAnEmptyLineAsARowWithoutData() throws IOException {
        List<SourceRecord> records = readAll("Name\nAsha\n\nRavi\n");

        assertThat(records).extracting(SourceRecord::row).containsExactly(2, 3, 4);
        assertThat(records.get(1).isBlank()).isTrue();
        assertThat(records.get(2).values()).containsExactly("Ravi");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", value = {
            "comma     | Name,Email,Phone\\nAsha,a@x.in,1",
            "semicolon | Name;Email;Phone\\nAsha;a@x.in;1",
            "tab       | Name\\tEmail\\tPhone\\nAsha\\ta@x.in\\t1",
            "semicolon with commas inside quotes | \"Name, full\";Email;Phone\\nAsha;a@x.in;1"
    })
    void findsTheDelimiterFromTheHeaderRow(String label, String text) throws IOException {
        String unescaped = text.replace("\\n", "\n").replace("\\t", "\t");
        try (var source = com.gstcomms.imports.CsvSource.open(
                new ByteArrayInputStream(unescaped.getBytes(StandardCharsets.UTF_8)), ImportLimits.DEFAULTS)) {
            assertThat(source.header()).hasSize(3);
            assertThat(source.next().values()).containsExactly("Asha", "a@x.in", "1");
        }
    }

    @Test
    void readsUtf8WithAndWithoutAByteOrderMark() throws IOException {
        byte[] plain = "Name\nसुनीता\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = ("\uFEFF" + "Name\nसुनीता\n").getBytes(StandardCharsets.UTF_8);
        try (var source = com.gstcomms.imports.CsvSource.open(new ByteArrayInputStream(withBom), ImportLimits.DEFAULTS)) {
            assertThat(source.byteOrderMark()).isTrue();
            assertThat(source.header()).containsExactly("Name");
            assertThat(source.next().values()).containsExactly("सुनीता");
        }
        assertThat(readAll(plain, ImportLimits.DEFAULTS).getFirst().values()).containsExactly("सुनीता");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "|", value = {
            "UTF-16 with BOM        | fffe4e0061006d0065000a00       | UTF-16 text",
            "UTF-16 without BOM     | 4e0061006d0065000a0041007300680061000a00 | UTF-16 text without a byte order mark",
            "Excel workbook (.xlsx) | 504b0304140006000800000021     | Excel workbook (.xlsx)",
            "old Excel (.xls)       | d0cf11e0a1b11ae1000000000000   | old Excel workbook (.xls)",
            "PDF                    | 255044462d312e370a             | PDF document",
            "binary                 | 4e616d650a0102030405060708     | binary data",
            "empty                  | ''                             | The file is empty"
    })
    void refusesWhatIsNotUtf8TextSayingWhatItIs(String label, String hex, String saying) {
        byte[] bytes = HexFormat.of().parseHex(hex.equals("''") ? "" : hex);
        assertThatThrownBy(() -> readAll(bytes, ImportLimits.DEFAULTS))
                .isInstanceOf(ImportRefused.class)
                .hasMessageContaining(saying);
    }

    @Test
    void refusesWindows1252TextNamingTheRowAndColumn() {
        byte[] bytes = "Name,City\nAsha,Pune\nJosé,Goa\n".getBytes(Charset.forName("windows-1252"));

        assertThatThrownBy(() -> readAll(bytes, ImportLimits.DEFAULTS))
                .isInstanceOf(ImportRefused.class)
                .hasMessageContaining("not UTF-8: row 3, column 'Name' (A)")
                .hasMessageContaining("CSV UTF-8");
    }

    @Test
    void refusesAQuoteThatIsNeverClosedNamingTheRowWhereItStarts() {
        assertThatThrownBy(() -> readAll("Name,Address\nAsha,Pune\nRavi,\"Hill Road\nMeera,Goa\n"))
                .isInstanceOf(ImportRefused.class)
                .hasMessageContaining("Row 3: a quoted value");
    }

    @Test
    void refusesAValueLongerThanASpreadsheetCellHolds() {
        ImportLimits limits = new ImportLimits(1_000_000, 10, 100, 100, 10);
        String text = "Name,Note\nAsha,\"" + "x".repeat(5_000) + "\"\n";

        assertThatThrownBy(() -> readAll(text.getBytes(StandardCharsets.UTF_8), limits))
                .isInstanceOf(ImportRefused.class)
                .hasMessageContaining("Row 2 has a value longer than 100 characters");
    }

    @Test
    void refusesTooManyColumnsAndTooManyRows() {
        ImportLimits limits = new ImportLimits(1_000_000, 3, 100, 2, 10);

        assertThatThrownBy(() -> readAll("a,b,c,d\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8), limits))
                .hasMessageContaining("Row 1 has more than 3 values");
        assertThatThrownBy(() -> readAll("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), limits))
                .hasMessageContaining("more than 2 rows");
    }

    @Test
    void refusesAFileOverTheSizeLimitWhileItStreams() {
        ImportLimits limits = new ImportLimits(10_000, 10, 100, 1_000_000, 10);
        InputStream endless = new InputStream() {
            private long n;

            @Override
            public int read() {
                return n++ % 10 == 9 ? '\n' : 'a';
            }
        };

        assertThatThrownBy(() -> {
            try (var source = com.gstcomms.imports.CsvSource.open(endless, limits)) {
                while (source.next() != null) {
                    // keep reading
                }
            }
        }).isInstanceOf(ImportRefused.class).hasMessageContaining("larger than");
    }
}
