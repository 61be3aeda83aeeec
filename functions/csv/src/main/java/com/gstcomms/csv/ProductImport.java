package com.gstcomms.csv;

import com.gstcomms.bulk.JsonRows;
import com.gstcomms.bulk.Sql;
import com.gstcomms.imports.HeaderMatch;
import com.gstcomms.imports.ProductRecord;
import com.gstcomms.imports.ProductRows;
import com.gstcomms.imports.RowProblem;
import com.gstcomms.imports.RowResult;
import com.gstcomms.imports.SourceRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a chunk of the catalogue in one statement: insert, or update the product of the same SKU
 * (unique per shop) when something differs. The catalogue is what order imports take HSN/SAC and GST
 * rates from, so it is imported before orders.
 */
@ApplicationScoped
class ProductImport {

    private static final String UPSERT = """
            insert into product (id, shop_id, sku, name, hsn_sac, gst_rate, cess_rate, unit, created_at, updated_at)
            select nextval('product_seq'), :shopId, t.sku, t.name, t.hsn_sac, t.gst_rate, t.cess_rate, t.unit, now(), now()
              from json_to_recordset(cast(cast(:rows as text) as json))
                   as t(row_no integer, sku text, name text, hsn_sac text, gst_rate numeric, cess_rate numeric, unit text)
            on conflict (shop_id, sku) do update
               set name = excluded.name, hsn_sac = excluded.hsn_sac, gst_rate = excluded.gst_rate,
                   cess_rate = excluded.cess_rate, unit = excluded.unit, updated_at = now()
             where (product.name, product.hsn_sac, product.gst_rate, product.cess_rate, product.unit)
                   is distinct from (excluded.name, excluded.hsn_sac, excluded.gst_rate, excluded.cess_rate, excluded.unit)""";

    ChunkWork prepare(long shopId, HeaderMatch match, List<SourceRecord> records) {
        List<RowProblem> problems = new ArrayList<>();
        JsonRows rows = new JsonRows();
        int rejected = 0;
        for (SourceRecord record : records) {
            RowResult<ProductRecord> result = ProductRows.read(match, record);
            if (result instanceof RowResult.Rejected<ProductRecord> bad) {
                problems.addAll(bad.problems());
                rejected++;
                continue;
            }
            ProductRecord p = ((RowResult.Accepted<ProductRecord>) result).value();
            rows.row().put("row_no", (long) p.row()).put("sku", p.sku()).put("name", p.name())
                    .put("hsn_sac", p.hsnSac()).put("gst_rate", p.gstRate().percent())
                    .put("cess_rate", p.cessRate().percent()).put("unit", p.unit());
        }
        int good = rows.size();
        int bad = rejected;
        if (good == 0) {
            return () -> Uni.createFrom().item(new ChunkWork.Written(0, bad, problems, List.of()));
        }
        String json = rows.json();
        return () -> Sql.execute(UPSERT, Map.of("shopId", shopId, "rows", json))
                .map(changed -> new ChunkWork.Written(good, bad, problems, List.of()));
    }
}
