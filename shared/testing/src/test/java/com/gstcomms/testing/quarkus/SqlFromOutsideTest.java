package com.gstcomms.testing.quarkus;

import com.gstcomms.testing.Sql;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an integration test does without the app's beans: find the app's database and use it over JDBC. */
class SqlFromOutsideTest {

    @Test
    void reachesTheDatabaseTheResourceHandedTheAppAndRoundTripsRowsWithIdsFromTheSequence() {
        LocalCloudResource resource = new LocalCloudResource();
        resource.init(Map.of("only", "postgres"));
        Map<String, String> config = resource.start();
        assertThat(LocalCloudResource.appConfig("quarkus.datasource.jdbc.url"))
                .isEqualTo(config.get("quarkus.datasource.jdbc.url"));
        Sql db = Sql.ofApp();
        db.update("create table item (id bigint primary key, name text not null, tags text[], attrs jsonb, at timestamptz)");
        db.update("create sequence item_seq start with 1 increment by 50");

        long first = db.insert("item", "name", "Steel Tiffin Box", "tags", new String[] {"kitchen", "steel"},
                "attrs", Sql.json("{\"hsn\":\"7323\"}"), "at", Instant.parse("2026-10-05T10:00:00Z"));
        long second = db.insert("item", "name", "Cotton Kurta");

        assertThat(second).isGreaterThan(first);
        assertThat(db.<String>value("select name from item where id = ?", first)).isEqualTo("Steel Tiffin Box");
        Map<String, Object> row = db.row("select tags, attrs->>'hsn' as hsn from item where id = ?", first).orElseThrow();
        assertThat(row).containsEntry("tags", List.of("kitchen", "steel")).containsEntry("hsn", "7323");
        assertThat(db.update("update item set name = upper(name)")).isEqualTo(2);
        assertThat(db.rows("select name from item order by id")).extracting(r -> r.get("name"))
                .containsExactly("STEEL TIFFIN BOX", "COTTON KURTA");
        assertThatThrownBy(() -> db.insert("item", "name")).hasMessageContaining("column/value pairs");
        assertThatThrownBy(() -> db.value("select name from item where id = -1")).hasMessageContaining("no row");
    }

    @Test
    void saysWhichKeyIsMissing() {
        assertThatThrownBy(() -> LocalCloudResource.appConfig("gstcomms.no-such-key"))
                .hasMessageContaining("'gstcomms.no-such-key'");
    }
}
